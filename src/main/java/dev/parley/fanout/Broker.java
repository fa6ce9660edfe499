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

    /**
     * Publishes {@code payload} to the current subscribers of {@code topic}; never blocks on them nor on
     * the broker.
     *
     * @throws IllegalStateException when the broker cannot take it now (Redis unreachable): it is lost
     */
    void publish(String topic, byte[] payload);

    /**
     * Subscribes {@code listener} to {@code topic} until the returned subscription is closed; returns at
     * once, without waiting for the broker. Several subscriptions to one topic each receive every payload.
     *
     * @param activated runs (on the broker's thread, without blocking) each time the subscription becomes
     *     active after this returned: when the broker confirms it, and when it is regained after an
     *     interruption (e.g. Redis restarted). Payloads published before were missed. A broker whose
     *     subscriptions are active at once never runs it.
     */
    Subscription subscribe(String topic, Consumer<byte[]> listener, Runnable activated);

    /** {@link #subscribe(String, Consumer, Runnable)} for a listener that does not care about missed payloads. */
    default Subscription subscribe(String topic, Consumer<byte[]> listener) {
        return subscribe(topic, listener, () -> {});
    }

    /**
     * Whether payloads can reach other processes. An in-process broker reaches none: a caller that has
     * already served its own process need not publish at all.
     */
    default boolean reachesOtherNodes() {
        return true;
    }

    /** An active subscription; closing it stops delivery to its listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
