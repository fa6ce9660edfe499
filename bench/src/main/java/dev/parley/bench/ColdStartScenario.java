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
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Scenario (7): Parley's zero-config start, from launch until it reports ready. */
final class ColdStartScenario {

    private ColdStartScenario() {}

    /**
     * (7): {@code java -jar jar} in an empty directory, timed until {@code /actuator/health/readiness}
     * answers 200; then once more on the same data (a restart).
     */
    static Result run(Path jar) throws Exception {
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
