package dev.parley.realtime.socket;

import dev.parley.realtime.delivery.SocketTransport;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One kind of Parley socket as the web server's adapter ({@link JettySocket}) calls it: told that a socket
 * opened, it answers the {@link SocketListener} that hears the socket until it closes; the socket's frames go
 * out through the {@link SocketTransport} it was given.
 *
 * <p>It is registered with Spring's WebSocket support, which maps the paths and runs the handshake (its
 * interceptors and Origin check) and then hands the endpoint to {@link JettyUpgrade}. Spring itself never
 * opens a socket here, so the {@link WebSocketHandler} methods are never called: they refuse.
 */
@FunctionalInterface
interface SocketEndpoint extends WebSocketHandler {

    /**
     * A socket opened, admitted by its handshake. Runs on Jetty's thread before the socket's first frame is
     * read.
     *
     * @param transport the socket's way out
     * @param handshake what its handshake established
     * @return what hears the socket's messages and its close
     */
    SocketListener opened(SocketTransport transport, Handshake handshake);

    @Override
    default void afterConnectionEstablished(WebSocketSession session) {
        throw new UnsupportedOperationException("Parley's sockets are opened by JettySocket");
    }

    @Override
    default void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
        throw new UnsupportedOperationException("Parley's sockets are read by JettySocket");
    }

    @Override
    default void handleTransportError(WebSocketSession session, Throwable exception) {
        throw new UnsupportedOperationException("Parley's sockets are read by JettySocket");
    }

    @Override
    default void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
        throw new UnsupportedOperationException("Parley's sockets are closed by JettySocket");
    }

    @Override
    default boolean supportsPartialMessages() {
        return false;
    }
}
