package dev.parley.fanout;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-node {@link Broker} on Redis pub/sub (Lettuce). Subscriptions live on a connection of
 * their own, whose messages Lettuce hands to the listeners on its I/O thread in arrival order; publishes
 * go out on a second connection without waiting for Redis, and are refused at once while it is
 * disconnected (nothing piles up to be sent late). After Redis drops the subscriber (restart,
 * output-buffer limit), Lettuce reconnects and resubscribes by itself (the reconnect delay is set in
 * {@link BrokerConfiguration}); what was published meanwhile is lost, as the {@link Broker} guarantee
 * allows, and each listener's {@code activated} callback runs once the subscription is back.
 */
public class RedisBroker implements Broker, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);

    private final StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
    private final StatefulRedisConnection<byte[], byte[]> publisher;
    /** Guarded by itself; SUBSCRIBE and UNSUBSCRIBE are queued under it, so Redis sees them in this order. */
    private final Map<String, Topic> topics = new HashMap<>();

    private record Listener(Consumer<byte[]> payloads, Runnable activated) {}

    /** @param confirmed set once Redis confirmed the subscription; a later confirmation is a resubscription */
    private record Topic(Set<Listener> listeners, AtomicBoolean confirmed) {}

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
                activated(new String(channel, StandardCharsets.UTF_8));
            }
        });
    }

    /** {@inheritDoc} Refused while the publishing connection is down. */
    @Override
    public void publish(String topic, byte[] payload) {
        if (!publisher.isOpen()) {
            throw new IllegalStateException("Redis is not connected");
        }
        publisher.async().publish(topic.getBytes(StandardCharsets.UTF_8), payload);
    }

    /**
     * {@inheritDoc} The first subscription to a topic sends SUBSCRIBE (queued by Lettuce while Redis is
     * unreachable); a later one to a topic already confirmed is active at once.
     */
    @Override
    public Subscription subscribe(String topic, Consumer<byte[]> listener, Runnable activated) {
        Listener subscription = new Listener(listener, activated);
        synchronized (topics) {
            Topic state = topics.get(topic);
            if (state == null) {
                state = new Topic(ConcurrentHashMap.newKeySet(), new AtomicBoolean());
                topics.put(topic, state);
                subscriber.async().subscribe(bytes(topic));
            }
            state.listeners().add(subscription);
        }
        return () -> unsubscribe(topic, subscription);
    }

    /** Whether both connections to Redis are open. */
    public boolean isConnected() {
        return subscriber.isOpen() && publisher.isOpen();
    }

    @Override
    public void close() {
        // Spring's connection factory, stopped first, may have closed them with its client
        if (subscriber.isOpen()) {
            subscriber.close();
        }
        if (publisher.isOpen()) {
            publisher.close();
        }
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

    /** Lettuce confirms every (re)subscription: the topic's listeners may have missed payloads. */
    private void activated(String topic) {
        Topic state;
        synchronized (topics) {
            state = topics.get(topic);
        }
        if (state == null) {
            return;
        }
        if (state.confirmed().getAndSet(true)) {
            log.info("Resubscribed to {} after an interruption", topic);
        }
        for (Listener listener : state.listeners()) {
            try {
                listener.activated().run();
            } catch (RuntimeException e) {
                log.warn("An activation listener of {} failed", topic, e);
            }
        }
    }

    private static byte[] bytes(String topic) {
        return topic.getBytes(StandardCharsets.UTF_8);
    }
}
