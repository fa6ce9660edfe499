package dev.parley.realtime.delivery;

import dev.parley.conversations.Position;
import dev.parley.messaging.MessageView;
import dev.parley.realtime.protocol.FrameCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the delivery layer's unit tests share: real threads (closed after each test), real meters, sockets
 * whose transport records what it is asked to write.
 */
public final class Sockets implements AutoCloseable {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final DeliveryMetrics metrics = new DeliveryMetrics(meters);
    final RealtimeThreads threads = new RealtimeThreads(
            Executors.newVirtualThreadPerTaskExecutor(),
            Executors.newVirtualThreadPerTaskExecutor(),
            Executors.newSingleThreadScheduledExecutor(),
            Executors.newSingleThreadScheduledExecutor());
    /** Frames as the wire has them ({@code spring.jackson.property-naming-strategy=SNAKE_CASE}). */
    public final FrameCodec codec = new FrameCodec(JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build());

    /** A catch-up that finds nothing to read. */
    final CatchUp nothingToRead =
            catchUp((counter, conversation, user, after, limit) -> new CatchUp.Slice(List.of(), false));

    /** A catch-up that finds nothing to read. */
    public CatchUp nothingToRead() {
        return nothingToRead;
    }

    CatchUp catchUp(CatchUp.Reads reads) {
        return new CatchUp(reads, codec, threads, metrics);
    }

    /** A socket of {@code userId}, on {@code /ws/chat/{conversation}/} or (conversation null) the user stream. */
    public Connection connection(RecordingTransport transport, long userId, Long conversation) {
        return new Connection(
                transport, userId, "user" + userId, conversation, OutboxTests.properties(524_288), threads, metrics);
    }

    /** A socket of {@code userId} on {@code /ws/chat/{conversation}/}, following it from its start. */
    public Connection following(RecordingTransport transport, long userId, long conversation) {
        Connection connection = connection(transport, userId, conversation);
        connection.follow(conversation, new Position(0, 0), nothingToRead);
        return connection;
    }

    public static MessageView message(long conversation, long seq, long revision) {
        return new MessageView(
                seq * 1000 + conversation,
                conversation,
                seq,
                1L,
                "ann",
                "m" + seq,
                "text",
                null,
                null,
                Instant.EPOCH,
                revision > 0 ? Instant.EPOCH : null,
                false,
                revision,
                false,
                List.of());
    }

    @Override
    public void close() {
        threads.close();
    }
}
