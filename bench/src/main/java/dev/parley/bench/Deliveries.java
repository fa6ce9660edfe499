package dev.parley.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Counts deliveries of numbered messages; {@code "b<n>|<intended nanos>|<sender role>"} bodies. */
final class Deliveries implements Socket.Handler {

    /** Latencies above this (µs) are recorded as this. */
    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);
    /** How long after the last message was due it may still arrive before it counts as lost. */
    private static final Duration DRAIN = Duration.ofSeconds(15);

    final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    final AtomicIntegerArray seen;
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final int expectedPerMessage;
    final AtomicLong lastArrival = new AtomicLong();
    /** The highest latency (µs) of the messages due in each second of the measured part. */
    final java.util.concurrent.atomic.AtomicLongArray worstPerSecond =
            new java.util.concurrent.atomic.AtomicLongArray(3_600);
    volatile long measureFrom = Long.MAX_VALUE;

    /** @param expectedPerMessage receivers per message (1 for a direct chat, the members for a group) */
    Deliveries(int messages, int expectedPerMessage) {
        this.seen = new AtomicIntegerArray(messages);
        this.expectedPerMessage = expectedPerMessage;
    }

    @Override
    public void frame(Socket socket, String text, long arrived) {
        if (text.contains("\"error\"")) {
            errors.incrementAndGet();
            return;
        }
        String body = Json.body(text);
        if (body == null || body.isEmpty() || body.charAt(0) != 'b') {
            return;
        }
        int bar = body.indexOf('|');
        int bar2 = body.indexOf('|', bar + 1);
        int n = Integer.parseInt(body, 1, bar, 10);
        long intended = Long.parseLong(body, bar + 1, bar2, 10);
        int from = Integer.parseInt(body, bar2 + 1, body.length(), 10);
        if (from == socket.role) {
            return; // the sender's own echo
        }
        if (seen.getAndIncrement(n) >= expectedPerMessage) {
            duplicates.incrementAndGet();
            return;
        }
        delivered.incrementAndGet();
        if (intended >= measureFrom) {
            long micros = Math.min(HIGHEST_MICROS, Math.max(0, (arrived - intended) / 1000));
            recorder.recordValue(micros);
            int second = (int) Math.min(worstPerSecond.length() - 1, (intended - measureFrom) / 1_000_000_000L);
            worstPerSecond.accumulateAndGet(second, micros, Math::max);
            lastArrival.accumulateAndGet(arrived, Math::max);
        }
    }

    /** Measured deliveries per second, from the first measured send to the last measured arrival. */
    double rate(Histogram measured, Duration duration) {
        double seconds = Math.max(duration.toNanos(), lastArrival.get() - measureFrom) / 1e9;
        return measured.getTotalCount() / seconds;
    }

    /** The worst latency of each measured second, in ms, as "12 9 340 …" (stalls show as peaks). */
    String worstBySecond(Duration duration) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(worstPerSecond.length(), duration.toSeconds()); i++) {
            text.append(i == 0 ? "" : " ").append(worstPerSecond.get(i) / 1000);
        }
        return text.toString();
    }

    long lost() {
        long lost = 0;
        for (int i = 0; i < seen.length(); i++) {
            lost += Math.max(0, expectedPerMessage - seen.get(i));
        }
        return lost;
    }

    /** The frame of message {@code n}, due at {@code intended} (nanoTime), from a socket of {@code role}. */
    static String body(int n, long intended, int role) {
        return "{\"message\":\"b" + n + "|" + intended + "|" + role + "\"}";
    }

    /** Waits until {@code expected} deliveries arrived, or {@link #DRAIN} passed. */
    void await(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (delivered.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
