package dev.parley.bench;

import dev.parley.bench.Target.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Scenario (6): history pages over HTTP, requested open loop like the messages of {@link Scenarios}. */
final class HistoryScenario {

    /** Keep-alive connections the requests share. */
    private static final int HISTORY_CONNECTIONS = 64;

    private HistoryScenario() {}

    /** (6): the newest page of 50 messages, requested open loop at {@code rate} per second. */
    static Result run(Target target, int rate, Duration warmup, Duration duration) throws Exception {
        List<User> users = target.users("hist", 2);
        long id = target.direct(users.get(0), users.get(1));
        Deliveries filled = new Deliveries(50, 1);
        Socket a = target.chat(users.get(0), id, filled).join();
        Socket b = target.chat(users.get(1), id, filled).join();
        b.role = 1;
        filled.measureFrom = Long.MAX_VALUE;
        for (int n = 0; n < 50; n++) {
            a.send(Deliveries.body(n, System.nanoTime(), 0));
        }
        filled.await(50);
        a.close();
        b.close();
        String path = target.historyPath(id);
        Scenarios.beforeLoad();
        String token = users.get(1).access();
        Recorder recorder = new Recorder(Deliveries.HIGHEST_MICROS, 3);
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
                    recorder.recordValue(Math.min(Deliveries.HIGHEST_MICROS, (now - intended) / 1000));
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
}
