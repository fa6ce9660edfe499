package dev.parley.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.fanout.Broker;
import dev.parley.fanout.InProcessBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * Rooms and local-first delivery, with two hubs (two nodes) sharing one in-process broker that reaches "other
 * nodes": each event reaches every socket once, rooms subscribe once and unsubscribe with their last socket.
 */
class LocalHubTests {

    /** The in-process broker, taken to reach other nodes (the two hubs), counting subscriptions to conversations. */
    private static final class ClusterBroker implements Broker {
        final InProcessBroker broker = new InProcessBroker();
        final AtomicInteger subscribed = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public void publish(String topic, byte[] payload) {
            broker.publish(topic, payload);
        }

        @Override
        public Subscription subscribe(String topic, Consumer<byte[]> listener, Runnable activated) {
            Subscription subscription = broker.subscribe(topic, listener, activated);
            if (!topic.startsWith("conversation:")) {
                return subscription;
            }
            subscribed.incrementAndGet();
            return () -> {
                closed.incrementAndGet();
                subscription.close();
            };
        }
    }

    private final ClusterBroker broker = new ClusterBroker();
    private final Sockets nodeA = new Sockets();
    private final Sockets nodeB = new Sockets();

    /** Sessions-ended announcements each hub heard, as "A 8" (node, user). */
    private final List<String> ended = new CopyOnWriteArrayList<>();

    private final LocalHub hubA = hub(nodeA, "A");
    private final LocalHub hubB = hub(nodeB, "B");

    private LocalHub hub(Sockets node, String name) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("sessions", (LocalHub.SessionsListener) e -> ended.add(name + " " + e.user()));
        return new LocalHub(
                broker,
                node.metrics,
                node.threads,
                beans.getBeanProvider(LocalHub.DeliveryListener.class),
                beans.getBeanProvider(LocalHub.MembershipListener.class),
                beans.getBeanProvider(LocalHub.SessionsListener.class));
    }

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
    }

    private static SocketEvent.NewMessage message(long conversation, long seq) {
        return new SocketEvent.NewMessage(conversation, seq, 0, 0, "{\"seq\":" + seq + "}");
    }

    @Test
    void anEventReachesThisNodesSocketsAndTheOtherNodesOnceEach() {
        RecordingTransport onA = new RecordingTransport();
        RecordingTransport onB = new RecordingTransport();
        hubA.add(nodeA.following(onA, 1, 5), 5);
        hubB.add(nodeB.following(onB, 2, 5), 5);
        hubA.publish(message(5, 1));
        hubB.publish(message(5, 2));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(onA.written).containsExactly("{\"seq\":1}", "{\"seq\":2}");
            assertThat(onB.written).containsExactly("{\"seq\":1}", "{\"seq\":2}");
        });
        assertThat(nodeA.meters.get("parley.delivery.duplicates").counter().count())
                .as("a node ignores its own events coming back from the broker")
                .isZero();
        assertThat(nodeB.meters.get("parley.delivery.duplicates").counter().count())
                .isZero();
    }

    @Test
    void aNoticeSkipsTheSocketsOfTheUserItExcepts() {
        RecordingTransport reader = new RecordingTransport();
        RecordingTransport other = new RecordingTransport();
        hubA.add(nodeA.following(reader, 1, 5), 5);
        hubA.add(nodeA.following(other, 2, 5), 5);
        hubA.publish(new SocketEvent.Notice(5, 1, true, "{\"type\":\"read\"}"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(other.written).containsExactly("{\"type\":\"read\"}"));
        assertThat(reader.written).isEmpty();
        assertThat(nodeA.meters.get("parley.delivery.fanout").summary().totalAmount())
                .as("handed to one socket")
                .isEqualTo(1);
    }

    @Test
    void aRoomSubscribesOnceAndItsLastSocketToLeaveEndsTheSubscription() {
        Connection first = nodeA.following(new RecordingTransport(), 1, 5);
        Connection second = nodeA.following(new RecordingTransport(), 2, 5);
        hubA.add(first, 5);
        hubA.add(second, 5);
        assertThat(broker.subscribed).hasValue(1);
        hubA.remove(first);
        assertThat(broker.closed).hasValue(0);
        hubA.remove(second);
        assertThat(broker.closed).hasValue(1);
        RecordingTransport again = new RecordingTransport();
        hubA.add(nodeA.following(again, 3, 5), 5);
        assertThat(broker.subscribed).as("a new room subscribes anew").hasValue(2);
        hubB.publish(message(5, 1));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(again.written).containsExactly("{\"seq\":1}"));
    }

    @Test
    void eventsForAUserReachThatUsersStreamsOnly() {
        RecordingTransport ann = new RecordingTransport();
        RecordingTransport ben = new RecordingTransport();
        hubA.addStream(nodeA.connection(ann, 1, null));
        hubB.addStream(nodeB.connection(ben, 2, null));
        hubB.publish(new SocketEvent.ToUser(1, "{\"type\":\"presence\"}"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(ann.written).containsExactly("{\"type\":\"presence\"}"));
        assertThat(ben.written).isEmpty();
    }

    @Test
    void endedSessionsReachEveryNodeOnce() {
        hubA.publish(new SocketEvent.SessionsEnded(8, java.util.Set.of(java.util.UUID.randomUUID())));
        assertThat(ended).containsExactlyInAnyOrder("A 8", "B 8");
    }

    @Test
    void aMalformedPayloadFromTheBrokerIsDroppedAndDeliveryGoesOn() {
        RecordingTransport socket = new RecordingTransport();
        hubA.add(nodeA.following(socket, 1, 5), 5);
        broker.publish(SocketEvent.conversationTopic(5), "not an event".getBytes(StandardCharsets.UTF_8));
        byte[] truncated = EventCodec.encode(42, message(5, 1)).payload();
        broker.publish(SocketEvent.conversationTopic(5), java.util.Arrays.copyOf(truncated, truncated.length / 2));
        hubB.publish(message(5, 1));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(socket.written).containsExactly("{\"seq\":1}"));
    }
}
