package dev.parley.fanout;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-node {@link Broker} on Redis pub/sub (Lettuce). Subscriptions live on a connection of
 * their own, whose messages Lettuce hands to the listeners on its I/O thread in arrival order; publishes
 * go out on a second connection without waiting for Redis. After Redis drops the subscriber (restart,
 * output-buffer limit), Lettuce reconnects and resubscribes by itself; what was published meanwhile is
 * lost, as the {@link Broker} guarantee allows.
 */
public class RedisBroker implements Broker, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

    private final StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
    private final StatefulRedisConnection<byte[], byte[]> publisher;
    /** Guarded by itself; SUBSCRIBE and UNSUBSCRIBE are queued under it, so Redis sees them in this order. */
    private final Map<String, Topic> topics = new HashMap<>();

    private record Listener(Consumer<byte[]> payloads, Runnable interrupted) {}

    /** @param confirmed set once Redis confirmed the subscription; a later confirmation is a resubscription */
    private record Topic(Set<Listener> listeners, RedisFuture<Void> subscribed, AtomicBoolean confirmed) {}

    /**
     * Opens the subscriber and publisher connections on {@code client}.
     *
     * @throws IllegalStateException for a Redis Cluster client, which is not supported yet
     */
    public RedisBroker(AbstractRedisClient client) {
        if (!(client instanceof RedisClient redis)) {
            throw new IllegalStateException("Fan-out needs a standalone (or Sentinel) Redis, not " + client);
        }
        this.subscriber = redis.connectPubSub(ByteArrayCodec.INSTANCE);
        this.publisher = redis.connect(ByteArrayCodec.INSTANCE);
        this.subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                dispatch(new String(channel, StandardCharsets.UTF_8), message);
            }

            @Override
            public void subscribed(byte[] channel, long count) {
                resubscribed(new String(channel, StandardCharsets.UTF_8));
            }
        });
    }

    @Override
    public void publish(String topic, byte[] payload) {
        publisher.async().publish(topic.getBytes(StandardCharsets.UTF_8), payload);
    }

    /**
     * {@inheritDoc} Waits (up to 10 s) until Redis has confirmed this node's subscription to the topic,
     * so that everything published after this returns reaches the listener.
     *
     * @throws IllegalStateException when Redis does not confirm in time
     */
    @Override
    public Subscription subscribe(String topic, Consumer<byte[]> listener, Runnable interrupted) {
        Listener subscription = new Listener(listener, interrupted);
        RedisFuture<Void> subscribed;
        synchronized (topics) {
            Topic state = topics.get(topic);
            if (state == null) {
                state = new Topic(
                        ConcurrentHashMap.newKeySet(), subscriber.async().subscribe(bytes(topic)), new AtomicBoolean());
                topics.put(topic, state);
            }
            state.listeners().add(subscription);
            subscribed = state.subscribed();
        }
        try {
            subscribed.get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            unsubscribe(topic, subscription);
            throw new IllegalStateException("Redis did not confirm the subscription to " + topic, e);
        }
        return () -> unsubscribe(topic, subscription);
    }

    /** Whether both connections to Redis are open. */
    public boolean isConnected() {
        return subscriber.isOpen() && publisher.isOpen();
    }

    @Override
    public void close() {
        subscriber.close();
        publisher.close();
    }

    private void unsubscribe(String topic, Listener subscription) {
        synchronized (topics) {
            Topic state = topics.get(topic);
            if (state != null
                    && state.listeners().remove(subscription)
                    && state.listeners().isEmpty()) {
                topics.remove(topic);
                subscriber.async().unsubscribe(bytes(topic));
            }
        }
    }

    private void dispatch(String topic, byte[] payload) {
        Topic state;
        synchronized (topics) {
            state = topics.get(topic);
        }
        if (state == null) {
            return;
        }
        for (Listener listener : state.listeners()) {
            try {
                listener.payloads().accept(payload);
            } catch (RuntimeException e) {
                log.warn("A listener of {} failed", topic, e);
            }
        }
    }

    /** Lettuce confirms every (re)subscription; after the first one, the topic was interrupted. */
    private void resubscribed(String topic) {
        Topic state;
        synchronized (topics) {
            state = topics.get(topic);
        }
        if (state != null && state.confirmed().getAndSet(true)) {
            log.info("Resubscribed to {} after an interruption", topic);
            for (Listener listener : state.listeners()) {
                try {
                    listener.interrupted().run();
                } catch (RuntimeException e) {
                    log.warn("An interruption listener of {} failed", topic, e);
                }
            }
        }
    }

    private static byte[] bytes(String topic) {
        return topic.getBytes(StandardCharsets.UTF_8);
    }
}
