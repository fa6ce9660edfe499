package dev.parley.realtime.socket;

import dev.parley.realtime.protocol.CloseCodes;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A WebSocket outage on a running node, for tests: {@link #begin()} closes every open socket from the
 * server side and refuses new handshakes with 503 until {@link #end()}, while the REST API keeps
 * answering. Add it to a node's sources (see {@code Nodes.start}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SocketOutage implements Filter {

    private final OpenSockets sockets;
    private volatile boolean on;

    SocketOutage(OpenSockets sockets) {
        this.sockets = sockets;
    }

    public void begin() {
        on = true;
        sockets.closeAll(CloseCodes.GOING_AWAY, Duration.ofSeconds(5));
    }

    public void end() {
        on = false;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (on && ((HttpServletRequest) request).getRequestURI().startsWith("/ws/")) {
            ((HttpServletResponse) response).sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        chain.doFilter(request, response);
    }
}
