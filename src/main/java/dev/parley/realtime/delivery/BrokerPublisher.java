package dev.parley.realtime.delivery;

import dev.parley.fanout.Broker;
import dev.parley.realtime.delivery.SocketEvent.Joined;
import dev.parley.realtime.delivery.SocketEvent.NewMessage;
import dev.parley.realtime.delivery.SocketEvent.Revision;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a node's encoded events for the other nodes. A publish the broker refuses (Redis down) is
 * counted; for messages, revisions and joins the latest refused one per topic is published again every
 * {@value #RETRY_MS} ms until the broker takes it. Another node whose subscription came back before this
 * node's publishing connection then still learns that the conversation moved: the message shows its
 * sockets a gap, filled from PostgreSQL. Older refused ones need no retry (the gap covers them), nor do
 * receipts, reactions, typing and presence (stale once late).
 */
final class BrokerPublisher {

    static final long RETRY_MS = 250;
    private static final Logger log = LoggerFactory.getLogger(BrokerPublisher.class);

    /** A publish the broker refused, to be tried again. */
    private record Refused(String topic, byte[] payload) {}

    private final Broker broker;
    private final DeliveryMetrics metrics;
    private final ScheduledExecutorService timer;
    private final Map<String, Refused> refused = new ConcurrentHashMap<>();
    private final AtomicBoolean retrying = new AtomicBoolean();

    BrokerPublisher(Broker broker, DeliveryMetrics metrics, ScheduledExecutorService timer) {
        this.broker = broker;
        this.metrics = metrics;
        this.timer = timer;
    }

    void publish(SocketEvent event, byte[] payload) {
        if (tryPublish(event.topic(), payload)) {
            return;
        }
        String key = switch (event) {
            case NewMessage e -> e.topic() + "#seq";
            case Revision e -> e.topic() + "#revision";
            case Joined e -> e.topic() + "#joined:" + e.conversation();
            default -> null;
        };
        if (key != null) {
            refused.put(key, new Refused(event.topic(), payload));
            scheduleRetry();
        }
    }

    private boolean tryPublish(String topic, byte[] payload) {
        try {
            broker.publish(topic, payload);
            return true;
        } catch (RuntimeException e) {
            metrics.publishFailed();
            log.debug("Publish to {} failed: {}", topic, e.toString());
            return false;
        }
    }

    private void scheduleRetry() {
        if (retrying.compareAndSet(false, true)) {
            timer.schedule(this::retry, RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Publishes the refused events again; those still refused wait for the next round. */
    private void retry() {
        retrying.set(false);
        refused.forEach((key, publish) -> {
            if (tryPublish(publish.topic(), publish.payload())) {
                refused.remove(key, publish);
            }
        });
        if (!refused.isEmpty()) {
            scheduleRetry();
        }
    }
}
