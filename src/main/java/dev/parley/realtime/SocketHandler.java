package dev.parley.realtime;

import dev.parley.realtime.protocol.FrameException;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * What both socket kinds share: the registry of open sockets, reassembly of fragmented frames, decoding
 * (a bad frame gets an error frame, the socket stays open), and cleanup on close.
 */
abstract class SocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(SocketHandler.class);

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    protected final SocketSupport support;

    SocketHandler(SocketSupport support) {
        this.support = support;
    }

    /** Makes the socket's {@link Connection}, follows its conversations and joins their rooms. */
    protected abstract Connection open(WebSocketSession session);

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Connection connection = open(session);
        connections.put(session.getId(), connection);
        support.presence().opened(connection.userId());
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        try {
            String frame = connection.append(message.getPayload(), message.isLast());
            if (frame != null) {
                support.dispatcher().handle(connection, support.codec().decode(frame));
            }
        } catch (FrameException e) {
            support.dispatcher().sendError(connection, e, e.clientId());
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        Connection connection = connections.get(session.getId());
        if (connection != null && message.isLast()) {
            support.dispatcher()
                    .sendError(connection, new ParleyException(ErrorCode.INVALID_JSON, "Frames are JSON text"), null);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on socket {}: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            support.hub().remove(connection);
            support.typing().closed(connection);
            support.presence().closed(connection.userId());
            closed(connection);
        }
    }

    /** The socket closed and has left every room. */
    protected void closed(Connection connection) {}

    /** Closes every open socket with {@code status}, waiting up to {@code wait} for them to close. */
    void closeAll(CloseStatus status, Duration wait) {
        connections.values().forEach(connection -> connection.close(status));
        long deadline = System.nanoTime() + wait.toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
