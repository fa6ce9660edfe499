package dev.parley.realtime.awareness;

import dev.parley.realtime.delivery.Connection;
import dev.parley.realtime.delivery.LocalHub;
import dev.parley.realtime.delivery.RealtimeThreads;
import dev.parley.realtime.delivery.SocketEvent;
import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.ServerFrame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
public class TypingIndicators {

    static final long EXPIRY_MS = 5_000;

    private record Typist(Connection connection, long conversationId) {}

    private final LocalHub hub;
    private final FrameCodec codec;
    private final ScheduledExecutorService timer;
    private final Map<Typist, ScheduledFuture<?>> typing = new ConcurrentHashMap<>();

    TypingIndicators(LocalHub hub, FrameCodec codec, RealtimeThreads threads) {
        this.hub = hub;
        this.codec = codec;
        this.timer = threads.timer();
    }

    /** The user of {@code connection} started ({@code true}) or stopped typing in a conversation. */
    public void update(Connection connection, long conversationId, boolean isTyping) {
        Typist typist = new Typist(connection, conversationId);
        ScheduledFuture<?> expiry =
                isTyping ? timer.schedule(() -> stop(typist), EXPIRY_MS, TimeUnit.MILLISECONDS) : null;
        ScheduledFuture<?> previous = isTyping ? typing.put(typist, expiry) : typing.remove(typist);
        if (previous != null) {
            previous.cancel(false);
        }
        if (isTyping || previous != null) {
            publish(typist, isTyping);
        }
    }

    /** The socket closed: it stops typing everywhere. */
    public void closed(Connection connection) {
        typing.keySet().stream()
                .filter(typist -> typist.connection() == connection)
                .toList()
                .forEach(this::stop);
    }

    private void stop(Typist typist) {
        ScheduledFuture<?> expiry = typing.remove(typist);
        if (expiry != null) {
            expiry.cancel(false);
            publish(typist, false);
        }
    }

    private void publish(Typist typist, boolean isTyping) {
        Connection connection = typist.connection();
        ServerFrame frame =
                new ServerFrame.Typing(typist.conversationId(), connection.userId(), connection.username(), isTyping);
        hub.publish(new SocketEvent.Notice(typist.conversationId(), connection.userId(), false, codec.encode(frame)));
    }
}
