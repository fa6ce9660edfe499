package dev.parley.realtime;

import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.ServerFrame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Typing indicators (seed 003, SPEC): relayed to the conversation's other members on every node, never
 * to the typist's own sockets, never stored. A typist who stops refreshing for {@value #EXPIRY_MS} ms,
 * or whose socket closes, is announced as no longer typing.
 */
@Component
class TypingIndicators implements AutoCloseable {

    static final long EXPIRY_MS = 5_000;

    private final LocalHub hub;
    private final FrameCodec codec;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Map<Connection, ScheduledFuture<?>> typing = new ConcurrentHashMap<>();

    TypingIndicators(LocalHub hub, FrameCodec codec) {
        this.hub = hub;
        this.codec = codec;
    }

    /** The user of {@code connection} started ({@code true}) or stopped typing. */
    void update(Connection connection, boolean isTyping) {
        ScheduledFuture<?> expiry =
                isTyping ? timer.schedule(() -> stop(connection), EXPIRY_MS, TimeUnit.MILLISECONDS) : null;
        ScheduledFuture<?> previous = isTyping ? typing.put(connection, expiry) : typing.remove(connection);
        if (previous != null) {
            previous.cancel(false);
        }
        if (isTyping || previous != null) {
            publish(connection, isTyping);
        }
    }

    /** The socket closed: a typist stops typing. */
    void closed(Connection connection) {
        stop(connection);
    }

    private void stop(Connection connection) {
        ScheduledFuture<?> expiry = typing.remove(connection);
        if (expiry != null) {
            expiry.cancel(false);
            publish(connection, false);
        }
    }

    private void publish(Connection connection, boolean isTyping) {
        ServerFrame frame = new ServerFrame.Typing(
                connection.conversationId(), connection.userId(), connection.username(), isTyping);
        hub.publish(new Envelope(connection.conversationId(), 0, connection.userId(), codec.encode(frame)));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
