package dev.parley.fanout;

import java.util.function.Consumer;

/**
 * Publish/subscribe of opaque byte payloads on named topics, between the nodes of a Parley cluster.
 *
 * <p>Delivery guarantee: <b>at most once</b>. A payload reaches every subscription that is active on
 * its topic when it is published, in publish order for one publisher and topic; a subscriber that is
 * disconnected or not yet subscribed misses it, and nothing is stored or replayed. Callers that need
 * every event (message delivery) therefore number their events and fill gaps from PostgreSQL.
 *
 * <p>Listeners must not block: they run on the broker's delivery thread.
 */
public interface Broker {

    /** Publishes {@code payload} to the current subscribers of {@code topic}; never blocks on them. */
    void publish(String topic, byte[] payload);

    /**
     * Subscribes {@code listener} to {@code topic} until the returned subscription is closed. Several
     * subscriptions to one topic each receive every payload.
     *
     * @param interrupted runs (on the broker's thread, without blocking) when the subscription was lost
     *     and is active again, e.g. after Redis restarted: payloads published in between were missed
     */
    Subscription subscribe(String topic, Consumer<byte[]> listener, Runnable interrupted);

    /** {@link #subscribe(String, Consumer, Runnable)} for a listener that does not care about interruptions. */
    default Subscription subscribe(String topic, Consumer<byte[]> listener) {
        return subscribe(topic, listener, () -> {});
    }

    /** An active subscription; closing it stops delivery to its listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
