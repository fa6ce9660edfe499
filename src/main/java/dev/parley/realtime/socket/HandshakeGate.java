package dev.parley.realtime.socket;

import dev.parley.realtime.RealtimeProperties;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Bounds how many sockets read PostgreSQL for their start at once ({@code
 * parley.websocket.concurrent-handshakes}): the admission before the 101 and the first positions after it
 * each pass here. In a reconnect storm (a node restarted, thousands of clients back at once) the rest wait
 * their turn, first come first served, for up to {@code parley.websocket.handshake-wait}, instead of
 * crowding the connection pool, whose 2 s wait would answer them 503 as if PostgreSQL were down, and
 * leaving REST calls no connection. One that waited longer gets 503 {@code service_unavailable} with
 * {@code Retry-After}.
 *
 * <p>Meters: {@code parley.sockets.handshakes.waiting} (gauge), {@code parley.sockets.handshake.wait}
 * (timer: the time waited for a turn).
 */
@Component
class HandshakeGate {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Semaphore turns;
    private final long waitNanos;
    private final Timer waited;

    HandshakeGate(RealtimeProperties properties, MeterRegistry registry) {
        this.turns = new Semaphore(properties.concurrentHandshakes(), true);
        this.waitNanos = properties.handshakeWait().toNanos();
        Gauge.builder("parley.sockets.handshakes.waiting", turns, Semaphore::getQueueLength)
                .description("Sockets waiting for their turn to read their start from PostgreSQL")
                .register(registry);
        this.waited = Timer.builder("parley.sockets.handshake.wait")
                .description("Time a socket waited for its turn to read its start from PostgreSQL")
                .register(registry);
    }

    /**
     * Runs {@code start} in its turn.
     *
     * @throws ParleyException {@code service_unavailable} (503, retry after 5 s) when no turn came within
     *     {@code handshake-wait}
     */
    <T> T pass(Supplier<T> start) {
        long asked = System.nanoTime();
        boolean turn;
        try {
            turn = turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            turn = false;
        }
        waited.record(System.nanoTime() - asked, TimeUnit.NANOSECONDS);
        if (!turn) {
            throw new ParleyException(
                    ErrorCode.SERVICE_UNAVAILABLE, "Too many sockets connecting at once; retry later", RETRY_AFTER);
        }
        try {
            return start.get();
        } finally {
            turns.release();
        }
    }
}
