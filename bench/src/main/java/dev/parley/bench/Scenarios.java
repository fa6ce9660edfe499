package dev.parley.bench;

import dev.parley.bench.Target.User;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The benchmark scenarios. Messages are paced open loop: message n has an intended send time
 * {@code start + n / rate}, written into its body, and its latency is measured from that time to its
 * arrival on another user's socket (one clock: sender and receiver live in this process), so a server that
 * falls behind shows as latency, not as a lower send rate. Only messages meant to leave after the warm-up
 * are measured.
 */
final class Scenarios {


    private Scenarios() {}

    /** Run once the setup is done, just before the load starts (say, to start a profiler); may be null. */
    static volatile String beforeLoad;

    static void beforeLoad() throws IOException, InterruptedException {
        if (beforeLoad != null) {
            new ProcessBuilder("sh", "-c", beforeLoad).inheritIO().start().waitFor();
        }
    }

    /**
     * Sends {@code total} messages at {@code rate} per second from {@code start} (nanoTime); message n goes
     * through {@code sender.apply(n)}, signed with {@code roles[n]} (or its socket's role when null).
     */
    private static void pace(
            long start, int total, int rate, java.util.function.IntFunction<Socket> sender, int[] roles) {
        for (int n = 0; n < total; n++) {
            long intended = start + n * 1_000_000_000L / rate;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
            Socket socket = sender.apply(n);
            socket.send(Deliveries.body(n, intended, roles == null ? socket.role : roles[n]));
        }
    }

    private static <T> List<T> all(List<CompletableFuture<T>> futures) {
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /**
     * (1), (2): one-to-one chat over {@code conversations} direct conversations, each with one socket per
     * participant; messages alternate direction, so each user sends and receives.
     */
    static Result chat(Target target, String name, int conversations, int rate, Duration warmup, Duration duration)
            throws Exception {
        List<User> users = target.users("chat", conversations * 2);
        int total = (int) (rate * (warmup.toMillis() + duration.toMillis()) / 1000);
        Deliveries deliveries = new Deliveries(total, 1);
        Socket[][] sockets = new Socket[conversations][2];
        List<CompletableFuture<Socket>> opening = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            User a = users.get(2 * c);
            User b = users.get(2 * c + 1);
            long id = target.direct(a, b);
            opening.add(target.chat(a, id, deliveries));
            opening.add(target.chat(b, id, deliveries));
        }
        List<Socket> open = all(opening);
        for (int c = 0; c < conversations; c++) {
            sockets[c][0] = open.get(2 * c);
            sockets[c][1] = open.get(2 * c + 1);
            sockets[c][1].role = 1;
        }
        long warmupMessages = rate * warmup.toMillis() / 1000;
        beforeLoad();
        Machine.Cpu[] cpuAtMeasure = new Machine.Cpu[1];
        Thread cpuMark = Thread.ofVirtual().start(() -> {
            // the CPU window starts when the first measured message is due
            LockSupport.parkNanos(warmup.toNanos() + 50_000_000L);
            cpuAtMeasure[0] = Machine.cpu();
        });
        long start = System.nanoTime() + 50_000_000L;
        deliveries.measureFrom = start + warmup.toNanos();
        pace(start, total, rate, n -> sockets[n % conversations][(n / conversations) % 2], null);
        deliveries.await(total);
        cpuMark.join();
        Machine.Cpu end = Machine.cpu();
        Histogram latency = deliveries.recorder.getIntervalHistogram();
        long measured = total - warmupMessages;
        long cpu = end.serverCpuNanosSince(cpuAtMeasure[0]);
        open.forEach(Socket::close);
        return new Result(
                name,
                deliveries.rate(latency, duration),
                latency,
                deliveries.errors.get() + deliveries.duplicates.get(),
                deliveries.lost(),
                cpu < 0 ? -1 : cpu / 1000.0 / measured,
                Map.of(
                        "offered",
                        rate + "/s",
                        "conversations",
                        String.valueOf(conversations),
                        "worst ms in each second",
                        deliveries.worstBySecond(duration)));
    }

    /**
     * (3): {@code count} idle authenticated sockets on {@code pairs} direct conversations; server memory per
     * socket from its resident size (and, for a JVM, from its heap; both read after a full GC, so garbage
     * from the handshakes does not count). One message per conversation afterwards checks they all still work.
     */
    static Result idle(Target target, int count, int pairs, long serverPid) throws Exception {
        List<User> users = target.users("idle", pairs * 2);
        long[] ids = new long[pairs];
        for (int p = 0; p < pairs; p++) {
            ids[p] = target.direct(users.get(2 * p), users.get(2 * p + 1));
        }
        long heapBefore = Machine.collectGarbage(serverPid);
        long rssBefore = Machine.rss(serverPid);
        count -= count % pairs; // the same number of sockets on every conversation
        Deliveries deliveries = new Deliveries(pairs, count / pairs);
        Semaphore inFlight = new Semaphore(256);
        List<CompletableFuture<Socket>> opening = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int pair = i % pairs;
            int side = (i / pairs) % 2;
            inFlight.acquire();
            CompletableFuture<Socket> socket = target.chat(users.get(2 * pair + side), ids[pair], deliveries)
                    .whenComplete((s, e) -> inFlight.release());
            opening.add(socket.thenApply(s -> {
                s.role = 9; // listeners: the probe below comes from elsewhere
                return s;
            }));
        }
        List<Socket> sockets = new ArrayList<>();
        long failed = 0;
        for (CompletableFuture<Socket> future : opening) {
            try {
                sockets.add(future.join());
            } catch (RuntimeException e) {
                failed++;
            }
        }
        double connectSeconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(5_000);
        long heapAfter = Machine.collectGarbage(serverPid);
        long rssAfter = Machine.rss(serverPid);
        // one probe message per conversation, sent by its first socket, must reach all its sockets
        deliveries.measureFrom = 0;
        for (int p = 0; p < pairs; p++) {
            sockets.get(p).send(Deliveries.body(p, System.nanoTime(), 8));
        }
        deliveries.await((long) count);
        Histogram latency = deliveries.recorder.getIntervalHistogram();
        sockets.forEach(Socket::close);
        Map<String, String> notes = new java.util.LinkedHashMap<>();
        notes.put("sockets", String.format("%,d open (%d failed) in %.1f s", sockets.size(), failed, connectSeconds));
        notes.put(
                "server memory per socket",
                rssBefore < 0 || rssAfter < 0
                        ? "unknown (no server pid)"
                        : String.format("%,d bytes (RSS %,d → %,d MiB)", (rssAfter - rssBefore) / Math.max(1, sockets.size()),
                                rssBefore >> 20, rssAfter >> 20));
        if (heapBefore >= 0 && heapAfter >= 0) {
            notes.put(
                    "server heap per socket",
                    String.format("%,d bytes (after a full GC: %,d → %,d MiB)",
                            (heapAfter - heapBefore) / Math.max(1, sockets.size()), heapBefore >> 20, heapAfter >> 20));
        }
        return new Result(
                "idle sockets",
                -1,
                latency,
                deliveries.errors.get() + failed,
                deliveries.lost(),
                -1,
                notes);
    }

    /** (4): one group of {@code members} members, each with a socket; {@code messages} sent at {@code rate}. */
    static Result fanout(Target target, int members, int messages, int rate) throws Exception {
        List<User> users = target.users("fan", members + 1);
        User sender = users.getFirst();
        long group = target.group(sender, users.subList(1, users.size()), "fan-out");
        Deliveries deliveries = new Deliveries(messages, members);
        List<CompletableFuture<Socket>> opening = new ArrayList<>();
        for (User member : users.subList(1, users.size())) {
            opening.add(target.chat(member, group, deliveries));
        }
        List<Socket> listeners = all(opening);
        Socket out = target.chat(sender, group, deliveries).join();
        out.role = 7;
        Thread.sleep(1_000);
        beforeLoad();
        Machine.Cpu before = Machine.cpu();
        deliveries.measureFrom = 0;
        pace(System.nanoTime() + 50_000_000L, messages, rate, n -> out, null);
        deliveries.await((long) messages * members);
        long cpu = Machine.cpu().serverCpuNanosSince(before);
        Histogram latency = deliveries.recorder.getIntervalHistogram();
        listeners.forEach(Socket::close);
        out.close();
        return new Result(
                "group fan-out",
                -1,
                latency,
                deliveries.errors.get() + deliveries.duplicates.get(),
                deliveries.lost(),
                cpu < 0 ? -1 : cpu / 1000.0 / messages,
                Map.of("members", String.valueOf(members), "messages", messages + " at " + rate + "/s"));
    }

    /**
     * (5): one direct conversation, {@code senders} sockets per participant all sending at a combined
     * {@code rate}; an observer socket checks that seqs arrive gapless and in order.
     */
    static Result hot(Target target, int senders, int rate, Duration warmup, Duration duration) throws Exception {
        List<User> users = target.users("hot", 2);
        long id = target.direct(users.get(0), users.get(1));
        int total = (int) (rate * (warmup.toMillis() + duration.toMillis()) / 1000);
        Deliveries deliveries = new Deliveries(total, 1);
        AtomicLong lastSeq = new AtomicLong();
        AtomicLong gaps = new AtomicLong();
        Socket.Handler observer = (socket, text, arrived) -> {
            long seq = Json.number(text, "seq");
            if (seq > 0 && text.startsWith("{\"type\":\"message\"")) {
                if (seq != lastSeq.get() + 1) {
                    gaps.incrementAndGet();
                }
                lastSeq.set(seq);
            }
            deliveries.frame(socket, text, arrived);
        };
        Socket watcher = target.chat(users.get(0), id, observer).join();
        watcher.role = 9;
        List<CompletableFuture<Socket>> opening = new ArrayList<>();
        for (int i = 0; i < senders * 2; i++) {
            opening.add(target.chat(users.get(i % 2), id, (s, t, a) -> {}));
        }
        List<Socket> sending = all(opening);
        int[] roles = new int[total];
        java.util.Arrays.fill(roles, 1);
        beforeLoad();
        Machine.Cpu before = Machine.cpu();
        long start = System.nanoTime() + 50_000_000L;
        deliveries.measureFrom = start + warmup.toNanos();
        pace(start, total, rate, n -> sending.get(n % sending.size()), roles);
        deliveries.await(total);
        long cpu = Machine.cpu().serverCpuNanosSince(before);
        Histogram latency = deliveries.recorder.getIntervalHistogram();
        sending.forEach(Socket::close);
        watcher.close();
        Map<String, String> notes = new java.util.LinkedHashMap<>();
        notes.put("senders", String.valueOf(senders * 2));
        notes.put("offered", rate + "/s");
        notes.put("seq", target.parley ? (gaps.get() == 0 ? "gapless, in order" : gaps.get() + " gaps") : "n/a");
        return new Result(
                "one hot conversation",
                deliveries.rate(latency, duration),
                latency,
                deliveries.errors.get() + deliveries.duplicates.get() + gaps.get(),
                deliveries.lost(),
                cpu < 0 ? -1 : cpu / 1000.0 / total,
                notes);
    }

}
