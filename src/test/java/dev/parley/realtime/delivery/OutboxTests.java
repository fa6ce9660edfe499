package dev.parley.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.realtime.RealtimeProperties;
import dev.parley.realtime.protocol.CloseCodes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The outbox on its own: order, the send buffer's limit, finish versus close (no server, no socket). */
class OutboxTests {

    private final RecordingTransport transport = new RecordingTransport();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Writer tasks run only when the test says so, as a busy writer thread would leave them waiting. */
    private final Queue<Runnable> writerTasks = new ArrayDeque<>();

    private final Executor heldWriters = writerTasks::add;

    static RealtimeProperties properties(int sendBufferBytes) {
        return new RealtimeProperties(
                65_536,
                Duration.ofSeconds(10),
                sendBufferBytes,
                Duration.ofSeconds(25),
                Duration.ofSeconds(60),
                16,
                Duration.ofSeconds(10));
    }

    private Outbox outbox(int sendBufferBytes, Executor writers) {
        return new Outbox(transport, properties(sendBufferBytes), writers, new DeliveryMetrics(meters));
    }

    private void runWriters() {
        Runnable task;
        while ((task = writerTasks.poll()) != null) {
            task.run();
        }
    }

    @Test
    void writesFramesInTheOrderTheyWereQueuedAndFlushesThem() {
        Outbox outbox = outbox(1_000, heldWriters);
        outbox.send(Outgoing.of("a"));
        outbox.send(Outgoing.of("b"));
        outbox.send(Outgoing.of("c"));
        assertThat(writerTasks).as("one writer for the three frames").hasSize(1);
        runWriters();
        assertThat(transport.written).containsExactly("a", "b", "c");
        assertThat(transport.flushes).isPositive();
        assertThat(transport.closed).isNull();
        assertThat(meters.get("parley.delivery.frames").counter().count()).isEqualTo(3);
    }

    @Test
    void fallingBehindBeyondTheSendBufferClosesAsASlowConsumerAndDropsWhatWasQueued() {
        Outbox outbox = outbox(10, heldWriters);
        outbox.send(Outgoing.of("12345"));
        outbox.send(Outgoing.of("67890")); // 10 bytes queued: at the limit, still fine
        outbox.send(Outgoing.of("x")); // 11: over it
        outbox.send(Outgoing.of("later"));
        runWriters();
        assertThat(transport.written).isEmpty();
        assertThat(transport.closed).isEqualTo(CloseCodes.SLOW_CONSUMER);
        assertThat(meters.get("parley.delivery.slow.consumer.closes").counter().count())
                .isEqualTo(1);
    }

    @Test
    void finishWritesWhatWasQueuedBeforeItThenClosesAndDropsLaterFrames() {
        Outbox outbox = outbox(1_000, heldWriters);
        outbox.send(Outgoing.of("a"));
        outbox.send(Outgoing.of("b"));
        outbox.finish(CloseCodes.FORBIDDEN);
        outbox.send(Outgoing.of("after"));
        runWriters();
        assertThat(transport.written).containsExactly("a", "b");
        assertThat(transport.closed).isEqualTo(CloseCodes.FORBIDDEN);
    }

    @Test
    void closeDropsWhatIsStillQueuedAndClosesWithItsStatus() {
        Outbox outbox = outbox(1_000, heldWriters);
        outbox.send(Outgoing.of("a"));
        outbox.close(CloseCodes.TRY_AGAIN_LATER);
        outbox.send(Outgoing.of("b"));
        runWriters();
        assertThat(transport.written).isEmpty();
        assertThat(transport.closed).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
    }

    @Test
    void aFailedWriteClosesTheSocketAsASlowConsumer() {
        Outbox outbox = outbox(1_000, Runnable::run);
        transport.failWrites = true;
        outbox.send(Outgoing.of("a"));
        assertThat(transport.closed).isEqualTo(CloseCodes.SLOW_CONSUMER);
        transport.failWrites = false;
        outbox.send(Outgoing.of("b"));
        assertThat(transport.written).as("nothing is written after the close").isEmpty();
    }

    @Test
    void pingsGoOutBesideTheQueueButNotOnceClosing() {
        Outbox outbox = outbox(1_000, heldWriters);
        outbox.send(Outgoing.of("a"));
        outbox.ping();
        assertThat(transport.pings).as("a ping does not wait for queued frames").isEqualTo(1);
        outbox.finish(CloseCodes.GOING_AWAY);
        outbox.ping();
        assertThat(transport.pings).isEqualTo(1);
    }
}
