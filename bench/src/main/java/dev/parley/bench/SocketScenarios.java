package dev.parley.bench;

import dev.parley.bench.Target.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Scenarios about sockets themselves rather than messages: a connect burst (8) and memory under load (9).
 * Sockets are spread over {@code pairs} direct conversations, as in the idle scenario (3), so that few
 * users need registering.
 */
final class SocketScenarios {

    private SocketScenarios() {}

    /** Sockets opened, those that failed (and why the first did), and when the last one was open. */
    private record Opened(List<Socket> sockets, long failed, String firstFailure, double seconds) {}

    /**
     * Opens {@code count} sockets with up to {@code inFlight} handshakes at a time, {@code perSocket} each
     * with the conversation's participants alternating. Handshake latencies go to {@code handshakes} when
     * given.
     */
    private static Opened open(
            Target target,
            List<User> users,
            long[] conversations,
            int count,
            int inFlight,
            Socket.Handler handler,
            Recorder handshakes)
            throws InterruptedException {
        int pairs = conversations.length;
        Semaphore slots = new Semaphore(inFlight);
        List<CompletableFuture<Socket>> opening = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int pair = i % pairs;
            User user = users.get(2 * pair + (i / pairs) % 2);
            slots.acquire();
            long asked = System.nanoTime();
            opening.add(target.chat(user, conversations[pair], handler).whenComplete((socket, error) -> {
                slots.release();
                if (error == null && handshakes != null) {
                    handshakes.recordValue(Math.min(Deliveries.HIGHEST_MICROS, (System.nanoTime() - asked) / 1000));
                }
            }));
        }
        List<Socket> sockets = new ArrayList<>();
        long failed = 0;
        String firstFailure = null;
        for (CompletableFuture<Socket> future : opening) {
            try {
                Socket socket = future.join();
                socket.role = 9; // every socket listens; messages are signed by role 8
                sockets.add(socket);
            } catch (RuntimeException e) {
                failed++;
                if (firstFailure == null) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    firstFailure = cause.toString();
                }
            }
        }
        return new Opened(sockets, failed, firstFailure, (System.nanoTime() - started) / 1e9);
    }

    private static long[] conversations(Target target, List<User> users) throws Exception {
        long[] ids = new long[users.size() / 2];
        for (int p = 0; p < ids.length; p++) {
            ids[p] = target.direct(users.get(2 * p), users.get(2 * p + 1));
        }
        return ids;
    }

    /**
     * (8): {@code count} sockets opened at once, up to {@code inFlight} handshakes outstanding (a reconnect
     * storm after a node restart); how long until all are open, how many failed, and the handshake
     * latency. A probe message per conversation then checks that every socket works.
     */
    static Result connect(Target target, int count, int pairs, int inFlight) throws Exception {
        List<User> users = target.users("connect", pairs * 2);
        long[] ids = conversations(target, users);
        count -= count % pairs;
        Deliveries deliveries = new Deliveries(pairs, count / pairs);
        Recorder handshakes = new Recorder(Deliveries.HIGHEST_MICROS, 3);
        Scenarios.beforeLoad();
        Opened opened = open(target, users, ids, count, inFlight, deliveries, handshakes);
        deliveries.measureFrom = 0;
        for (int p = 0; p < pairs && p < opened.sockets().size(); p++) {
            opened.sockets().get(p).send(Deliveries.body(p, System.nanoTime(), 8));
        }
        deliveries.await(count);
        opened.sockets().forEach(Socket::close);
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put(
                "sockets",
                String.format(
                        "%,d open (%d failed) in %.1f s, %d handshakes in flight",
                        opened.sockets().size(), opened.failed(), opened.seconds(), inFlight));
        notes.put("latency", "of each handshake, from asking to open");
        if (opened.firstFailure() != null) {
            notes.put("first failure", opened.firstFailure());
        }
        return new Result(
                "connect burst",
                opened.sockets().size() / opened.seconds(),
                handshakes.getIntervalHistogram(),
                opened.failed() + deliveries.errors.get(),
                deliveries.lost(),
                -1,
                notes);
    }

    /**
     * (9): {@code count} sockets while {@code rate} messages a second go to them for {@code duration}; the
     * server's resident memory per socket at the end of the load (no collection forced: what the load
     * costs), then again after every socket closed and a full GC (what stays behind).
     */
    static Result load(Target target, int count, int pairs, int rate, Duration duration, long serverPid)
            throws Exception {
        List<User> users = target.users("load", pairs * 2);
        long[] ids = conversations(target, users);
        count -= count % pairs;
        int total = (int) (rate * duration.toSeconds());
        Deliveries deliveries = new Deliveries(total, count / pairs);
        long heapBefore = Machine.collectGarbage(serverPid);
        long rssBefore = Machine.rss(serverPid);
        Opened opened = open(target, users, ids, count, 256, deliveries, null);
        List<Socket> sockets = opened.sockets();
        Scenarios.beforeLoad();
        long start = System.nanoTime() + 50_000_000L;
        deliveries.measureFrom = start;
        for (int n = 0; n < total; n++) {
            long intended = start + n * 1_000_000_000L / rate;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
            sockets.get(n % sockets.size()).send(Deliveries.body(n, intended, 8));
        }
        deliveries.await((long) total * (count / pairs));
        long rssLoaded = Machine.rss(serverPid);
        Histogram latency = deliveries.recorder.getIntervalHistogram();
        sockets.forEach(Socket::close);
        Thread.sleep(3_000);
        long heapClosed = Machine.collectGarbage(serverPid);
        long rssClosed = Machine.rss(serverPid);
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("sockets", String.format("%,d open (%d failed), %d msgs/s for %d s", sockets.size(),
                opened.failed(), rate, duration.toSeconds()));
        if (rssBefore >= 0 && rssLoaded >= 0) {
            notes.put(
                    "server RSS per socket under load",
                    String.format("%,d bytes (RSS %,d → %,d MiB)",
                            (rssLoaded - rssBefore) / Math.max(1, sockets.size()), rssBefore >> 20, rssLoaded >> 20));
            notes.put(
                    "after every socket closed and a full GC",
                    String.format("RSS %,d MiB (%+,d MiB), heap %,d → %,d MiB", rssClosed >> 20,
                            (rssClosed - rssBefore) >> 20, heapBefore >> 20, heapClosed >> 20));
        }
        return new Result(
                "sockets under load",
                deliveries.rate(latency, duration),
                latency,
                deliveries.errors.get() + deliveries.duplicates.get() + opened.failed(),
                deliveries.lost(),
                -1,
                notes);
    }
}
