package dev.parley.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.fanout.Broker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Publishing for other nodes while the broker refuses: what is tried again, and what is not. */
class BrokerPublisherTests {

    /** A broker that refuses every publish while {@link #down}, and keeps the payloads it took. */
    private static final class FlakyBroker implements Broker {
        volatile boolean down;
        final List<String> taken = new CopyOnWriteArrayList<>();

        @Override
        public void publish(String topic, byte[] payload) {
            if (down) {
                throw new IllegalStateException("broker unreachable");
            }
            taken.add(topic + " " + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public Subscription subscribe(String topic, Consumer<byte[]> listener, Runnable activated) {
            return () -> {};
        }
    }

    private final FlakyBroker broker = new FlakyBroker();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final BrokerPublisher publisher = new BrokerPublisher(broker, new DeliveryMetrics(meters), timer);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private void publish(SocketEvent event, String payload) {
        publisher.publish(event, payload.getBytes(StandardCharsets.UTF_8));
    }

    private double failures() {
        return meters.get("parley.broker.publish.failures").counter().count();
    }

    @Test
    void aTakenPublishIsPublishedOnce() {
        publish(new SocketEvent.NewMessage(7, 1, 0, 0, "{}"), "seq 1");
        assertThat(broker.taken).containsExactly("conversation:7 seq 1");
        assertThat(failures()).isZero();
    }

    @Test
    void theLatestRefusedMessageRevisionAndJoinPerTopicAreTriedAgainUntilTheBrokerTakesThem() {
        broker.down = true;
        publish(new SocketEvent.NewMessage(7, 1, 0, 0, "{}"), "seq 1");
        publish(new SocketEvent.NewMessage(7, 2, 0, 0, "{}"), "seq 2");
        publish(new SocketEvent.Revision(7, 4, false, 0, "{}"), "revision 4");
        publish(new SocketEvent.Notice(7, 0, true, "{}"), "receipt");
        publish(new SocketEvent.ToUser(3, "{}"), "presence");
        publish(new SocketEvent.Joined(3, 7, 2), "joined 7");
        publish(new SocketEvent.Joined(3, 8, 0), "joined 8");
        assertThat(failures()).isEqualTo(7);
        broker.down = false;
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(broker.taken)
                        .containsExactlyInAnyOrder(
                                "conversation:7 seq 2",
                                "conversation:7 revision 4",
                                "user:3 joined 7",
                                "user:3 joined 8"));
        // nothing is left to try again: later rounds publish nothing more
        await().during(Duration.ofMillis(3 * BrokerPublisher.RETRY_MS))
                .atMost(Duration.ofSeconds(5))
                .until(() -> broker.taken.size() == 4);
    }

    @Test
    void aRetryTheBrokerStillRefusesWaitsForTheNextRound() {
        broker.down = true;
        publish(new SocketEvent.NewMessage(9, 5, 0, 0, "{}"), "seq 5");
        await().atMost(Duration.ofSeconds(5)).until(() -> failures() >= 3); // the first publish and two retries
        assertThat(broker.taken).isEmpty();
        broker.down = false;
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(broker.taken).containsExactly("conversation:9 seq 5"));
    }
}
