package dev.parley.realtime.socket;

import dev.parley.conversations.Position;
import dev.parley.realtime.delivery.Connection;
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
 * What both socket kinds share: taking the starting positions from the {@link Handshake} the same way
 * for both, the registry of open sockets, reassembly of fragmented frames, decoding (a bad frame gets an
 * error frame, the socket stays open), and cleanup on close.
 */
abstract class SocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(SocketHandler.class);

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    protected final SocketSupport support;

    SocketHandler(SocketSupport support) {
        this.support = support;
    }

    /** Whether this handler serves user streams ({@code /ws/notifications/}) rather than one conversation. */
    protected abstract boolean streams();

    /** Runs before the socket follows its conversations (a stream joins its user's room). */
    protected void beforeFollowing(Connection connection) {}

    /** The positions of the socket's conversations now, those its user is still a member of. */
    protected abstract Map<Long, Position> currentPositions(Connection connection);

    /** Runs once the socket follows its conversations, with {@code now} from {@link #currentPositions}. */
    protected void afterFollowing(Connection connection, Map<Long, Position> now) {}

    /**
     * Makes the socket's {@link Connection}, follows each conversation of the handshake from its start
     * and joins its room, then reads the positions once more: a conversation that moved since the
     * handshake catches up from PostgreSQL. A commit before joining the room is read then, one after it
     * arrives live; the socket's door passes each once.
     */
    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Handshake handshake = Handshake.take(session);
        Connection connection = new Connection(
                new ServletTransport(session, support.properties().sendTimeLimit()),
                handshake.userId(),
                handshake.username(),
                handshake.conversation(),
                support.properties(),
                support.threads(),
                support.metrics());
        connections.put(session.getId(), connection);
        support.metrics().opened(streams());
        beforeFollowing(connection);
        handshake.positions().forEach((conversationId, start) -> {
            connection.follow(conversationId, start, support.catchUp());
            support.hub().add(connection, conversationId);
        });
        Map<Long, Position> now = currentPositions(connection);
        handshake.positions().forEach((conversationId, start) -> {
            Connection.Followed followed = connection.followed(conversationId);
            if (followed != null && !start.equals(now.get(conversationId))) {
                followed.catchUp();
            }
        });
        afterFollowing(connection, now);
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
            support.metrics().closed(streams());
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
