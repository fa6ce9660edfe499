package dev.parley.realtime.socket;

import dev.parley.conversations.Position;
import dev.parley.limits.RateLimiter;
import dev.parley.realtime.RealtimeProperties;
import dev.parley.realtime.awareness.Presence;
import dev.parley.realtime.awareness.TypingIndicators;
import dev.parley.realtime.delivery.CatchUp;
import dev.parley.realtime.delivery.Connection;
import dev.parley.realtime.delivery.DeliveryMetrics;
import dev.parley.realtime.delivery.LocalHub;
import dev.parley.realtime.delivery.RealtimeThreads;
import dev.parley.realtime.delivery.SocketTransport;
import dev.parley.realtime.protocol.CloseCodes;
import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.FrameException;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * The sockets open on this node, of both kinds, and what they share: taking the starting positions from the
 * {@link Handshake} the same way for both, binding each socket to its session ({@link SocketSessions}), the
 * heartbeat's pings, frame size and decoding (a bad frame gets an error frame, the socket stays open), closing a
 * socket that keeps sending past its rate limits (4429), and cleanup on close. What differs between the kinds is
 * their {@link SocketKind}.
 */
@Component
class OpenSockets {

    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final LocalHub hub;
    private final CatchUp catchUp;
    private final FrameCodec codec;
    private final FrameDispatcher dispatcher;
    private final SocketSessions sessions;
    private final RateLimiter limiter;
    private final HandshakeGate gate;
    private final TypingIndicators typing;
    private final Presence presence;
    private final RealtimeProperties properties;
    private final RealtimeThreads threads;
    private final DeliveryMetrics metrics;

    OpenSockets(
            LocalHub hub,
            CatchUp catchUp,
            FrameCodec codec,
            FrameDispatcher dispatcher,
            SocketSessions sessions,
            RateLimiter limiter,
            HandshakeGate gate,
            TypingIndicators typing,
            Presence presence,
            RealtimeProperties properties,
            RealtimeThreads threads,
            DeliveryMetrics metrics) {
        this.hub = hub;
        this.catchUp = catchUp;
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.limiter = limiter;
        this.gate = gate;
        this.typing = typing;
        this.presence = presence;
        this.properties = properties;
        this.threads = threads;
        this.metrics = metrics;
    }

    /** The endpoint of one kind of socket, registered for its paths by {@link WebSocketConfiguration}. */
    SocketEndpoint endpoint(SocketKind kind) {
        return (transport, handshake) -> open(kind, transport, handshake);
    }

    /**
     * Makes the socket's {@link Connection}, follows each conversation of the handshake from its start and joins
     * its room, then reads the positions once more: a conversation that moved since the handshake catches up from
     * PostgreSQL. A commit before joining the room is read then, one after it arrives live; the socket's door
     * passes each once.
     */
    private SocketListener open(SocketKind kind, SocketTransport transport, Handshake handshake) {
        Connection connection = new Connection(
                transport,
                handshake.user().id(),
                handshake.user().username(),
                handshake.conversation(),
                properties,
                threads,
                metrics);
        Open socket = new Open(kind, connection, limiter.floodGuard());
        open.put(connection.id(), socket);
        sessions.opened(connection, handshake.user());
        metrics.opened(kind.streams());
        try {
            kind.beforeFollowing(connection);
            handshake.positions().forEach((conversationId, start) -> {
                connection.follow(conversationId, start, catchUp);
                hub.add(connection, conversationId);
            });
            Map<Long, Position> now = gate.pass(() -> kind.currentPositions(connection));
            handshake.positions().forEach((conversationId, start) -> {
                Connection.Followed followed = connection.followed(conversationId);
                if (followed != null && !start.equals(now.get(conversationId))) {
                    followed.catchUp();
                }
            });
            kind.afterFollowing(connection, now);
            presence.opened(connection.userId());
            socket.present = true;
        } catch (RuntimeException e) { // the socket is closed with 1011: it leaves what it joined
            socket.closed(CloseCodes.SERVER_ERROR);
            throw e;
        }
        return socket;
    }

    /** An open socket: its kind, its door, and its tolerance for frames refused by a rate limit. */
    private final class Open implements SocketListener {

        private final SocketKind kind;
        private final Connection connection;
        private final RateLimiter.FloodGuard flood;
        /** Whether its user's presence counts it (set once it opened; only Jetty's thread reads it). */
        private boolean present;

        Open(SocketKind kind, Connection connection, RateLimiter.FloodGuard flood) {
            this.kind = kind;
            this.connection = connection;
            this.flood = flood;
        }

        @Override
        public void text(String message) {
            try {
                String text = connection.checkSize(message);
                boolean limited = dispatcher.handle(connection, codec.decode(text));
                if (limited && !flood.tolerate()) {
                    connection.close(CloseCodes.RATE_LIMITED);
                }
            } catch (FrameException e) {
                dispatcher.sendError(connection, e, e.clientId());
            }
        }

        @Override
        public void binary() {
            dispatcher.sendError(connection, new ParleyException(ErrorCode.INVALID_JSON, "Frames are JSON text"), null);
        }

        @Override
        public void closed(CloseStatus status) {
            if (open.remove(connection.id(), this)) {
                sessions.closed(connection);
                metrics.closed(kind.streams());
                hub.remove(connection);
                typing.closed(connection);
                if (present) {
                    presence.closed(connection.userId());
                }
                kind.closed(connection);
            }
        }
    }

    /**
     * Pings the sockets whose turn it is at second {@code tick}: each socket once every {@code everySeconds}
     * ticks, the sockets spread over them.
     */
    void ping(long tick, int everySeconds) {
        open.forEach((id, socket) -> {
            if (Math.floorMod(id.hashCode(), everySeconds) == tick % everySeconds) {
                socket.connection.ping();
            }
        });
    }

    /** Closes every open socket with {@code status}, waiting up to {@code wait} for them to close. */
    void closeAll(CloseStatus status, Duration wait) {
        open.values().forEach(socket -> socket.connection.close(status));
        long deadline = System.nanoTime() + wait.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
