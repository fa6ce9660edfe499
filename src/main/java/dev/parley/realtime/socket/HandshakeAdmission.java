package dev.parley.realtime.socket;

import dev.parley.shared.Outages;
import dev.parley.shared.ParleyException;
import dev.parley.shared.web.Problems;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * What both socket kinds do before the 101: {@link #admit} decides and takes the {@link Handshake}, in
 * its turn at the {@link HandshakeGate}; a
 * refusal ({@link ParleyException}, or 503 {@code service_unavailable} while PostgreSQL is unreachable) is
 * answered as problem details and the upgrade does not happen.
 */
abstract class HandshakeAdmission implements HandshakeInterceptor {

    private final Problems problems;
    private final HandshakeGate gate;

    HandshakeAdmission(Problems problems, HandshakeGate gate) {
        this.problems = problems;
        this.gate = gate;
    }

    /**
     * The handshake of an admitted request.
     *
     * @throws ParleyException the refusal to answer instead
     */
    protected abstract Handshake admit(ServerHttpRequest request);

    @Override
    public final boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes)
            throws IOException {
        try {
            attributes.put(Handshake.ATTRIBUTE, gate.pass(() -> admit(request)));
            return true;
        } catch (RuntimeException failure) {
            problems.write(response, Outages.asRefusal(failure));
            return false;
        }
    }

    @Override
    public final void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
