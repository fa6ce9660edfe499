package dev.parley.bench;

import dev.parley.bench.Target.User;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The benchmark scenarios. Messages are paced open loop: message n has an intended send time
 * {@code start + n / rate}, written into its body, and its latency is measured from that time to its
 * arrival on another user's socket (one clock: sender and receiver live in this process), so a server that
 * falls behind shows as latency, not as a lower send rate. Only messages meant to leave after the warm-up
 * are measured.
 */
final class Scenarios {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);
    private static final Duration DRAIN = Duration.ofSeconds(15);
    /** Keep-alive connections the history scenario's requests share. */
    private static final int HISTORY_CONNECTIONS = 64;

    private Scenarios() {}

    /** Run once the setup is done, just before the load starts (say, to start a profiler); may be null. */
    static volatile String beforeLoad;

    private static void beforeLoad() throws IOException, InterruptedException {
        if (beforeLoad != null) {
            new ProcessBuilder("sh", "-c", beforeLoad).inheritIO().start().waitFor();
        }
    }

    /** Counts deliveries of numbered messages; {@code "b<n>|<intended nanos>|<sender role>"} bodies. */
    private static final class Deliveries implements Socket.Handler {
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
    }

    static String body(int n, long intended, int role) {
        return "{\"message\":\"b" + n + "|" + intended + "|" + role + "\"}";
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
            socket.send(body(n, intended, roles == null ? socket.role : roles[n]));
        }
    }

    private static void drain(Deliveries deliveries, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (deliveries.delivered.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
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
        drain(deliveries, total);
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
            sockets.get(p).send(body(p, System.nanoTime(), 8));
        }
        drain(deliveries, (long) count);
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
        drain(deliveries, (long) messages * members);
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
        drain(deliveries, total);
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

    /** (6): the newest page of 50 messages, requested open loop at {@code rate} per second. */
    static Result history(Target target, int rate, Duration warmup, Duration duration) throws Exception {
        List<User> users = target.users("hist", 2);
        long id = target.direct(users.get(0), users.get(1));
        Deliveries filled = new Deliveries(50, 1);
        Socket a = target.chat(users.get(0), id, filled).join();
        Socket b = target.chat(users.get(1), id, filled).join();
        b.role = 1;
        filled.measureFrom = Long.MAX_VALUE;
        for (int n = 0; n < 50; n++) {
            a.send(body(n, System.nanoTime(), 0));
        }
        drain(filled, 50);
        a.close();
        b.close();
        String path = target.historyPath(id);
        beforeLoad();
        String token = users.get(1).access();
        Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
        AtomicLong errors = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        int total = (int) (rate * (warmup.toMillis() + duration.toMillis()) / 1000);
        long start = System.nanoTime() + 50_000_000L;
        long measureFrom = start + warmup.toNanos();
        Machine.Cpu[] before = new Machine.Cpu[1];
        List<CompletableFuture<?>> calls = new ArrayList<>();
        HttpPool pool = new HttpPool(target.base, HISTORY_CONNECTIONS);
        for (int n = 0; n < total; n++) {
            long intended = start + n * 1_000_000_000L / rate;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
            if (before[0] == null && intended >= measureFrom) {
                before[0] = Machine.cpu();
            }
            // at most HISTORY_CONNECTIONS requests at once; waiting for a connection still counts as latency
            calls.add(pool.get(path, token).whenComplete((status, error) -> {
                if (error != null || status != 200) {
                    errors.incrementAndGet();
                } else if (intended >= measureFrom) {
                    long now = System.nanoTime();
                    answered.incrementAndGet();
                    lastAnswer.accumulateAndGet(now, Math::max);
                    recorder.recordValue(Math.min(HIGHEST_MICROS, (now - intended) / 1000));
                }
            }));
        }
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                    .exceptionally(e -> null)
                    .get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // a server that fell far behind: what it never answered counts as errors below
        }
        long cpu = Machine.cpu().serverCpuNanosSince(before[0]);
        long unanswered = calls.stream().filter(call -> !call.isDone()).count();
        pool.close();
        Histogram latency = recorder.getIntervalHistogram();
        return new Result(
                "history page of 50",
                latency.getTotalCount() / (Math.max(duration.toNanos(), lastAnswer.get() - measureFrom) / 1e9),
                latency,
                errors.get() + unanswered,
                0,
                cpu < 0 ? -1 : cpu / 1000.0 / Math.max(1, answered.get()),
                Map.of("offered", rate + "/s", "path", path.replaceAll("/conversations/\\d+", "/conversations/{id}")));
    }

    /**
     * (7): {@code java -jar jar} in an empty directory, timed until {@code /actuator/health/readiness}
     * answers 200; then once more on the same data (a restart).
     */
    static Result coldStart(Path jar) throws Exception {
        Path dir = Files.createTempDirectory("parley-cold-start");
        long first = startOnce(jar, dir);
        long again = startOnce(jar, dir);
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return new Result(
                "zero-config start",
                -1,
                null,
                0,
                0,
                -1,
                Map.of("empty ./data (initdb)", String.format("%.2f s", first / 1000.0), "restart", String.format("%.2f s", again / 1000.0)));
    }

    private static long startOnce(Path jar, Path dir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(java, "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server-" + port + ".log").toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(1))
                .build();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited; see " + dir);
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - started) / 1_000_000;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException("not ready within 120 s");
                }
                Thread.sleep(10);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
