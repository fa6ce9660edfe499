package dev.parley.bench;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Scenario (7): Parley's zero-config start, from launch until it reports ready. */
final class ColdStartScenario {

    private ColdStartScenario() {}

    /**
     * (7): {@code command} (the README's {@code bin/parley}, or e.g. {@code java -jar
     * target/parley-0.1.0-SNAPSHOT.jar}) in an empty directory with {@code --server.port=N} added,
     * timed until {@code /actuator/health/readiness} answers 200; then once more on the same data (a
     * restart). Relative paths in it are taken from the working directory; {@code JAVA_HOME} is set
     * to the JDK running the bench.
     */
    static Result run(List<String> command) throws Exception {
        List<String> absolute = command.stream()
                .map(word -> Files.exists(Path.of(word)) ? Path.of(word).toAbsolutePath().toString() : word)
                .toList();
        Path dir = Files.createTempDirectory("parley-cold-start");
        long first = startOnce(absolute, dir);
        long again = startOnce(absolute, dir);
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("empty ./data (initdb)", String.format("%.2f s", first / 1000.0));
        notes.put("restart", String.format("%.2f s", again / 1000.0));
        return new Result(
                "zero-config start",
                -1,
                null,
                0,
                0,
                -1,
                notes);
    }

    private static long startOnce(List<String> command, Path dir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> withPort = new ArrayList<>(command);
        withPort.add("--server.port=" + port);
        ProcessBuilder builder = new ProcessBuilder(withPort);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long started = System.nanoTime();
        Process process = builder.directory(dir.toFile())
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
