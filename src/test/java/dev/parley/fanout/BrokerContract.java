package dev.parley.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link Broker} contract, for every implementation. Written for asynchronous brokers: "nothing
 * arrived" is shown by a later sentinel on the same topic, which the per-publisher order guarantees
 * would come after it.
 */
abstract class BrokerContract {

    /** The broker under test; publishing and subscribing may be on different instances (nodes). */
    protected abstract Broker publisher();

    protected abstract Broker subscriber();

    /** Waits until subscriptions made so far are active (asynchronous brokers confirm them later). */
    protected void awaitSubscribed() throws InterruptedException {}

    @Test
    void deliversToEverySubscriptionOfTheTopicOnly() throws Exception {
        Inbox first = new Inbox();
        Inbox second = new Inbox();
        Inbox other = new Inbox();
        subscriber().subscribe("t.one", first::add);
        subscriber().subscribe("t.one", second::add);
        subscriber().subscribe("t.other", other::add);
        awaitSubscribed();
        publisher().publish("t.one", bytes("hello"));
        publisher().publish("t.other", bytes("sentinel"));
        assertThat(first.next()).isEqualTo("hello");
        assertThat(second.next()).isEqualTo("hello");
        assertThat(other.next()).as("t.one's payload never reached t.other").isEqualTo("sentinel");
    }

    @Test
    void keepsPublishOrderPerTopic() throws Exception {
        Inbox inbox = new Inbox();
        subscriber().subscribe("t.order", inbox::add);
        awaitSubscribed();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add("m" + i);
            publisher().publish("t.order", bytes("m" + i));
        }
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            received.add(inbox.next());
        }
        assertThat(received).containsExactlyElementsOf(sent);
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() throws Exception {
        Inbox closed = new Inbox();
        Inbox open = new Inbox();
        Broker.Subscription subscription = subscriber().subscribe("t.close", closed::add);
        subscriber().subscribe("t.close", open::add);
        awaitSubscribed();
        publisher().publish("t.close", bytes("before"));
        assertThat(closed.next()).isEqualTo("before");
        assertThat(open.next()).isEqualTo("before");
        subscription.close();
        publisher().publish("t.close", bytes("after"));
        assertThat(open.next()).isEqualTo("after");
        assertThat(closed.queue).isEmpty();
    }

    @Test
    void carriesArbitraryBytes() throws Exception {
        Inbox inbox = new Inbox();
        subscriber().subscribe("t.bytes", inbox::add);
        awaitSubscribed();
        byte[] payload = new byte[70_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        publisher().publish("t.bytes", payload);
        assertThat(inbox.nextBytes()).isEqualTo(payload);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static final class Inbox {
        final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();

        void add(byte[] payload) {
            queue.add(payload);
        }

        byte[] nextBytes() throws InterruptedException {
            byte[] payload = queue.poll(20, TimeUnit.SECONDS);
            assertThat(payload).as("a payload within 20 s").isNotNull();
            return payload;
        }

        String next() throws InterruptedException {
            return new String(nextBytes(), StandardCharsets.UTF_8);
        }
    }
}
