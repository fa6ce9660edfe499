package dev.parley.realtime.socket;

import dev.parley.conversations.Position;
import dev.parley.limits.RateLimiter;
import dev.parley.realtime.delivery.Connection;
import dev.parley.realtime.protocol.CloseCodes;
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
 * for both, the registry of open sockets, binding each to its session ({@link SocketSessions}),
 * the heartbeat (a ping every {@code parley.websocket.ping-interval}), frame size, decoding (a bad frame gets an error frame, the socket stays open),
 * closing a socket that keeps sending past its rate limits (4429), and cleanup on close.
 */
abstract class SocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(SocketHandler.class);

    /** An open socket: its door, and its tolerance for frames refused by a rate limit. */
    private record Open(Connection connection, RateLimiter.FloodGuard flood) {}

    private final Map<String, Open> connections = new ConcurrentHashMap<>();
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
                new JettyTransport(session, support.properties().sendTimeLimit()),
                handshake.user().id(),
                handshake.user().username(),
                handshake.conversation(),
                support.properties(),
                support.threads(),
                support.metrics());
        connections.put(session.getId(), new Open(connection, support.limiter().floodGuard()));
        support.sessions().opened(connection, handshake.user());
        support.metrics().opened(streams());
        beforeFollowing(connection);
        handshake.positions().forEach((conversationId, start) -> {
            connection.follow(conversationId, start, support.catchUp());
            support.hub().add(connection, conversationId);
        });
        Map<Long, Position> now = support.gate().pass(() -> currentPositions(connection));
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
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Open open = connections.get(session.getId());
        if (open == null) {
            return;
        }
        Connection connection = open.connection();
        try {
            String text = connection.checkSize(message.getPayload());
            boolean limited =
                    support.dispatcher().handle(connection, support.codec().decode(text));
            if (limited && !open.flood().tolerate()) {
                connection.close(CloseCodes.RATE_LIMITED);
            }
        } catch (FrameException e) {
            support.dispatcher().sendError(connection, e, e.clientId());
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        Open open = connections.get(session.getId());
        if (open != null) {
            support.dispatcher()
                    .sendError(
                            open.connection(),
                            new ParleyException(ErrorCode.INVALID_JSON, "Frames are JSON text"),
                            null);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on socket {}: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Open open = connections.remove(session.getId());
        if (open != null) {
            Connection connection = open.connection();
            support.sessions().closed(connection);
            support.metrics().closed(streams());
            support.hub().remove(connection);
            support.typing().closed(connection);
            support.presence().closed(connection.userId());
            closed(connection);
        }
    }

    /** The socket closed and has left every room. */
    protected void closed(Connection connection) {}

    /**
     * Pings the sockets whose turn it is at second {@code tick}: each socket once every {@code everySeconds}
     * ticks, the sockets spread over them.
     */
    void ping(long tick, int everySeconds) {
        connections.forEach((id, open) -> {
            if (Math.floorMod(id.hashCode(), everySeconds) == tick % everySeconds) {
                open.connection().ping();
            }
        });
    }

    /** Closes every open socket with {@code status}, waiting up to {@code wait} for them to close. */
    void closeAll(CloseStatus status, Duration wait) {
        connections.values().forEach(open -> open.connection().close(status));
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
