package dev.parley.realtime.socket;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletCoreRequest;
import org.eclipse.jetty.ee11.servlet.ServletCoreResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;

/**
 * Upgrades a handshake that Spring and Parley's interceptors admitted to a {@link JettySocket} on Jetty's
 * WebSocket core (what Jetty's own servlet container does, minus its API layer, which keeps the whole
 * upgrade request for the socket's life). No extension is negotiated: permessage-deflate would keep a
 * compressor per socket and compress each frame once per socket instead of once per fan-out.
 *
 * @param maxTextBytes the longest text message read, in bytes (larger ones close the socket with 1009)
 * @param idleTimeout how long a socket may go without reading or writing before Jetty closes it (1001)
 * @param sendTimeLimit how long a write to a socket may take ({@code parley.websocket.send-time-limit})
 */
record JettyUpgrade(int maxTextBytes, Duration idleTimeout, Duration sendTimeLimit) implements RequestUpgradeStrategy {

    private static final String[] VERSIONS = {"13"};

    @Override
    public String[] getSupportedVersions() {
        return VERSIONS;
    }

    @Override
    public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
        return List.of();
    }

    @Override
    public void upgrade(
            ServerHttpRequest request,
            ServerHttpResponse response,
            String protocol,
            List<WebSocketExtension> extensions,
            Principal user,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
        HttpServletResponse servletResponse = ((ServletServerHttpResponse) response).getServletResponse();
        WebSocketMappings mappings = WebSocketMappings.ensureMappings(
                ServletContextHandler.getServletContextHandler(servletRequest.getServletContext()));
        if (!(WebSocketHandlerDecorator.unwrap(handler) instanceof SocketEndpoint endpoint)) {
            throw new HandshakeFailureException("No Parley socket endpoint at " + request.getURI());
        }
        JettySocket socket = new JettySocket(endpoint, attributes, maxTextBytes, sendTimeLimit);
        WebSocketNegotiator negotiator = WebSocketNegotiator.from(
                (upgradeRequest, upgradeResponse, callback) -> {
                    upgradeResponse.setAcceptedSubProtocol(protocol);
                    upgradeResponse.setExtensions(List.of());
                    return socket;
                },
                (created, upgradeRequest, upgradeResponse) -> (FrameHandler) created,
                configuration -> {
                    configuration.setIdleTimeout(idleTimeout);
                    configuration.setMaxFrameSize(maxTextBytes);
                    configuration.setAutoFragment(true);
                });
        Request coreRequest = ServletCoreRequest.wrap(servletRequest);
        Response coreResponse = ServletCoreResponse.wrap(coreRequest, servletResponse, false); // not an include
        try (Blocker.Callback callback = Blocker.callback()) {
            if (!mappings.upgrade(negotiator, coreRequest, coreResponse, callback, null)) {
                throw new HandshakeFailureException("Not a WebSocket handshake: " + request.getURI());
            }
            callback.block();
        } catch (HandshakeFailureException e) {
            throw e;
        } catch (Exception e) {
            throw new HandshakeFailureException("Upgrade failed: " + request.getURI(), e);
        }
    }
}
