package dev.parley.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parley's benchmark (bench/README.md): runs scenarios against a running server (Parley, or the seed-000
 * peer for the scenarios its API has), prints a summary table and writes a report with each scenario's
 * latency distribution.
 *
 * <pre>java -jar bench/target/parley-bench.jar --url http://localhost:8000 [--scenario all] [options]</pre>
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        List<Result> results = run(args, System.out);
        System.exit(results.isEmpty() ? 2 : 0);
    }

    /** Runs the scenarios {@code args} name; answers their results (also used by the smoke test). */
    public static List<Result> run(String[] args, PrintStream out) throws Exception {
        Map<String, String> options = options(args);
        if (options.containsKey("help")) {
            out.println(USAGE);
            return List.of();
        }
        String url = options.getOrDefault("url", "http://localhost:8000");
        String scenario = options.getOrDefault("scenario", "all");
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5")));
        Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "20")));
        Scenarios.beforeLoad = options.get("before-load");
        boolean coldStartOnly = scenario.equals("coldstart");
        Target target = coldStartOnly ? null : new Target(url);
        long pid = -1;
        if (target != null) {
            pid = options.containsKey("pid")
                    ? Long.parseLong(options.get("pid"))
                    : Machine.listener(target.base.getPort() < 0 ? 80 : target.base.getPort());
            out.printf(
                    "Target %s (%s), server pid %s%n",
                    url, target.parley ? "Parley" : "seed-000 API", pid < 0 ? "unknown" : pid);
        }

        List<String> names = scenario.equals("all")
                ? (target.parley
                        ? List.of("chat", "latency", "idle", "connect", "load", "fanout", "hot", "history")
                        : List.of("chat", "latency", "idle", "connect", "load", "hot", "history"))
                : List.of(scenario.split(","));
        List<Result> results = new ArrayList<>();
        for (String name : names) {
            out.printf("Running %s …%n", name);
            long socketErrorsBefore = Socket.SEND_FAILURES.get() + Socket.UNEXPECTED_CLOSES.get();
            Result result =
                    switch (name) {
                        case "chat" ->
                            Scenarios.chat(
                                    target,
                                    "1:1 chat",
                                    integer(options, "conversations", 500),
                                    integer(options, "rate", 15_000),
                                    warmup,
                                    duration);
                        case "latency" ->
                            Scenarios.chat(
                                    target,
                                    "latency at fixed rate",
                                    integer(options, "latency-conversations", 100),
                                    integer(options, "latency-rate", 1_000),
                                    warmup,
                                    duration);
                        case "idle" ->
                            Scenarios.idle(
                                    target, integer(options, "sockets", 19_000), integer(options, "pairs", 100), pid);
                        case "fanout" ->
                            Scenarios.fanout(
                                    target,
                                    integer(options, "members", 1_000),
                                    integer(options, "fanout-messages", 50),
                                    integer(options, "fanout-rate", 10));
                        case "hot" ->
                            Scenarios.hot(
                                    target,
                                    integer(options, "senders", 16),
                                    integer(options, "hot-rate", 3_000),
                                    warmup,
                                    duration);
                        case "history" ->
                            HistoryScenario.run(target, integer(options, "history-rate", 5_000), warmup, duration);
                        case "connect" ->
                            SocketScenarios.connect(
                                    target,
                                    integer(options, "connect-sockets", 10_000),
                                    integer(options, "pairs", 100),
                                    integer(options, "in-flight", 1_000));
                        case "load" ->
                            SocketScenarios.load(
                                    target,
                                    integer(options, "load-sockets", 2_000),
                                    integer(options, "pairs", 100),
                                    integer(options, "load-rate", 200),
                                    Duration.ofSeconds(integer(options, "load-duration", 60)),
                                    pid);
                        case "coldstart" ->
                            ColdStartScenario.run(List.of(
                                    options.getOrDefault("start", "bin/parley").split(" ")));
                        default -> throw new IllegalArgumentException("unknown scenario " + name + "\n" + USAGE);
                    };
            long socketErrors = Socket.SEND_FAILURES.get() + Socket.UNEXPECTED_CLOSES.get() - socketErrorsBefore;
            if (socketErrors > 0) { // failed sends and closes nobody asked for
                result = result.withErrors(result.errors() + socketErrors);
            }
            results.add(result);
            out.println(Result.HEADER);
            out.println(result.row());
        }
        report(results, options, target, out);
        return results;
    }

    private static void report(List<Result> results, Map<String, String> options, Target target, PrintStream out)
            throws Exception {
        StringBuilder text = new StringBuilder();
        text.append("# Parley benchmark, ")
                .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
                .append("\n\nTarget: ")
                .append(target == null ? "none (cold start)" : target.base + (target.parley ? " (Parley)" : " (seed-000 API)"))
                .append(". Options: ")
                .append(options)
                .append(". ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs seen by the load generator.\n\n")
                .append(Result.HEADER)
                .append('\n');
        results.forEach(r -> text.append(r.row()).append('\n'));
        text.append("\nLatency: from the intended send time (open loop) to arrival on another user's socket, or to ")
                .append("the HTTP answer. Server CPU: CPU time of every process but the load generator, per message.\n");
        for (Result result : results) {
            if (result.latency() != null && result.latency().getTotalCount() > 0) {
                text.append("\n## ").append(result.scenario()).append(" (percentile distribution, ms)\n\n```\n");
                var buffer = new java.io.ByteArrayOutputStream();
                result.latency().outputPercentileDistribution(new PrintStream(buffer, true), 5, 1000.0);
                text.append(buffer).append("```\n");
            }
        }
        Path dir = Path.of(options.getOrDefault("out", "bench/results"));
        Files.createDirectories(dir);
        Path file = dir.resolve("report-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.writeString(file, text);
        out.println();
        out.println(Result.HEADER);
        results.forEach(r -> out.println(r.row()));
        out.println("Report: " + file);
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected " + args[i] + "\n" + USAGE);
            }
            String name = args[i].substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                options.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }

    static final String USAGE = """
            java -jar bench/target/parley-bench.jar [--url http://localhost:8000] [--scenario all|chat,latency,...]
              scenarios: chat (1), latency (2), idle (3), fanout (4, Parley only), hot (5), history (6), coldstart (7),
                         connect (8), load (9)
              --warmup 5 --duration 20            seconds, for chat, latency, hot, history
              --rate 15000 --conversations 500    chat: offered msgs/s over that many direct conversations
              --latency-rate 1000 --latency-conversations 100
              --sockets 19000 --pairs 100         idle sockets, spread over that many conversations
              --members 1000 --fanout-messages 50 --fanout-rate 10
              --senders 16 --hot-rate 3000        per participant; offered msgs/s into one conversation
              --history-rate 5000                 offered requests/s
              --connect-sockets 10000 --in-flight 1000   connect: sockets opened at once, handshakes outstanding
              --load-sockets 2000 --load-rate 200 --load-duration 60   load: sockets, msgs/s spread over them, seconds
              --start bin/parley                  coldstart: the command that starts Parley, run in an empty
                                                  directory with --server.port=N added
              --pid N                             the server's process (found from the port when local)
              --before-load "shell command"       run when the setup is done, before the load (e.g. start JFR)
              --out bench/results                 where the report goes""";
}
