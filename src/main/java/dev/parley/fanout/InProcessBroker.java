package dev.parley.fanout;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node {@link Broker}: delivers each payload synchronously, on the publishing thread, to
 * the listeners subscribed at that moment. Same guarantee as any broker (at most once); in one process
 * nothing can be missed while subscribed.
 */
public class InProcessBroker implements Broker {

    private static final Logger log = LoggerFactory.getLogger(InProcessBroker.class);

    private final Map<String, Set<Consumer<byte[]>>> listeners = new ConcurrentHashMap<>();

    @Override
    public void publish(String topic, byte[] payload) {
        Set<Consumer<byte[]>> subscribed = listeners.get(topic);
        if (subscribed == null) {
            return;
        }
        for (Consumer<byte[]> listener : subscribed) {
            try {
                listener.accept(payload);
            } catch (RuntimeException e) {
                log.warn("A listener of {} failed", topic, e);
            }
        }
    }

    /** {@inheritDoc} This one serves one process only. */
    @Override
    public boolean reachesOtherNodes() {
        return false;
    }

    /** {@inheritDoc} In one process a subscription is active at once and never interrupted. */
    @Override
    public Subscription subscribe(String topic, Consumer<byte[]> listener, Runnable activated) {
        // a wrapper per call, so the same listener subscribed twice is two subscriptions
        Consumer<byte[]> subscription = listener::accept;
        listeners.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(subscription);
        return () -> listeners.computeIfPresent(topic, (t, set) -> {
            set.remove(subscription);
            return set.isEmpty() ? null : set;
        });
    }
}
