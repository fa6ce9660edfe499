package dev.parley.realtime.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The realtime layer's meters, served at {@code /actuator/prometheus} (names as Prometheus shows them):
 *
 * <ul>
 *   <li>{@code parley_sockets_open{kind="chat"|"stream"}}: open sockets of each kind on this node;
 *   <li>{@code parley_delivery_frames_total}: frames written to sockets;
 *   <li>{@code parley_delivery_latency_seconds}: from a message's commit to its frame's write to a socket
 *       (histogram; live deliveries only, catch-up reads carry no commit time);
 *   <li>{@code parley_delivery_catchups_total} and {@code parley_delivery_gap_fills_total}: reads from
 *       PostgreSQL for a socket (after connect or {@code resume}) and for a gap seen in live traffic;
 *   <li>{@code parley_delivery_catchups_running}: those reads under way now (they pile up when PostgreSQL is
 *       slow);
 *   <li>{@code parley_delivery_duplicates_total}: frames a socket's door dropped as already passed on;
 *   <li>{@code parley_delivery_slow_consumer_closes_total}: sockets closed with 4408;
 *   <li>{@code parley_broker_interruptions_total}: broker subscriptions lost and regained (Redis
 *       restarts), each followed by a catch-up of the topic's sockets;
 *   <li>{@code parley_broker_publish_failures_total}: publishes the broker refused (Redis down).
 * </ul>
 */
@Component
public class DeliveryMetrics implements Sequencer.Observer {

    private final AtomicInteger chatSockets = new AtomicInteger();
    private final AtomicInteger streamSockets = new AtomicInteger();
    private final AtomicInteger catchUpsRunning = new AtomicInteger();
    private final Counter frames;
    private final Timer latency;
    private final Counter catchUps;
    private final Counter gapFills;
    private final Counter duplicates;
    private final Counter slowConsumers;
    private final Counter interruptions;
    private final Counter publishFailures;
    private final DistributionSummary fanOut;

    DeliveryMetrics(MeterRegistry registry) {
        registry.gauge("parley.sockets.open", List.of(Tag.of("kind", "chat")), chatSockets);
        registry.gauge("parley.sockets.open", List.of(Tag.of("kind", "stream")), streamSockets);
        frames = counter(registry, "parley.delivery.frames", "Frames written to sockets");
        latency = Timer.builder("parley.delivery.latency")
                .description("From a message's commit to its frame's write to a socket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        catchUps = counter(
                registry, "parley.delivery.catchups", "Reads from PostgreSQL for a socket after connect or resume");
        Gauge.builder("parley.delivery.catchups.running", catchUpsRunning, AtomicInteger::get)
                .description("Catch-ups and gap fills reading from PostgreSQL now")
                .register(registry);
        gapFills =
                counter(registry, "parley.delivery.gap.fills", "Reads from PostgreSQL for a gap seen in live traffic");
        duplicates =
                counter(registry, "parley.delivery.duplicates", "Frames a socket's door dropped as already passed on");
        slowConsumers =
                counter(registry, "parley.delivery.slow.consumer.closes", "Sockets closed as slow consumers (4408)");
        interruptions = counter(registry, "parley.broker.interruptions", "Broker subscriptions lost and regained");
        publishFailures = counter(registry, "parley.broker.publish.failures", "Publishes the broker refused");
        fanOut = DistributionSummary.builder("parley.delivery.fanout")
                .description("Local sockets an event was handed to")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    public void opened(boolean stream) {
        (stream ? streamSockets : chatSockets).incrementAndGet();
    }

    public void closed(boolean stream) {
        (stream ? streamSockets : chatSockets).decrementAndGet();
    }

    void written(Outgoing frame) {
        frames.increment();
        if (frame.committedAt() > 0) {
            latency.record(Math.max(0, System.currentTimeMillis() - frame.committedAt()), TimeUnit.MILLISECONDS);
        }
    }

    /** A catch-up ({@code gap} false) or gap fill starts reading; {@link #catchUpDone()} follows. */
    void catchUp(boolean gap) {
        (gap ? gapFills : catchUps).increment();
        catchUpsRunning.incrementAndGet();
    }

    void catchUpDone() {
        catchUpsRunning.decrementAndGet();
    }

    @Override
    public void duplicateDropped() {
        duplicates.increment();
    }

    void slowConsumerClosed() {
        slowConsumers.increment();
    }

    void brokerInterrupted() {
        interruptions.increment();
    }

    void publishFailed() {
        publishFailures.increment();
    }

    void handedTo(int sockets) {
        fanOut.record(sockets);
    }
}
