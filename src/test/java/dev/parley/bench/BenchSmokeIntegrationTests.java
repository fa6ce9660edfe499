package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short run of every benchmark scenario against the test server: the harness works and its counts add
 * up. No timing is asserted here; speed is what the benchmark itself reports (bench/README.md).
 */
class BenchSmokeIntegrationTests extends IntegrationTest {

    @Test
    void everyScenarioRunsAndAccountsForEveryMessage() throws Exception {
        Path out = Files.createTempDirectory("bench-smoke");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Result> results = Bench.run(
                new String[] {
                    "--url", "http://localhost:" + port,
                    "--scenario", "chat,latency,idle,fanout,hot,history,connect,load",
                    "--warmup", "1",
                    "--duration", "2",
                    "--rate", "300",
                    "--conversations", "10",
                    "--latency-rate", "100",
                    "--latency-conversations", "5",
                    "--sockets", "60",
                    "--pairs", "3",
                    "--members", "12",
                    "--fanout-messages", "5",
                    "--fanout-rate", "20",
                    "--senders", "3",
                    "--hot-rate", "200",
                    "--history-rate", "100",
                    "--connect-sockets", "90",
                    "--in-flight", "30",
                    "--load-sockets", "30",
                    "--load-rate", "50",
                    "--load-duration", "2",
                    "--out", out.toString()
                },
                new PrintStream(printed, true));

        assertThat(results)
                .extracting(Result::scenario)
                .containsExactly(
                        "1:1 chat",
                        "latency at fixed rate",
                        "idle sockets",
                        "group fan-out",
                        "one hot conversation",
                        "history page of 50",
                        "connect burst",
                        "sockets under load");
        for (Result result : results) {
            assertThat(result.errors()).as(result.scenario() + " errors").isZero();
            assertThat(result.lost()).as(result.scenario() + " lost").isZero();
            assertThat(result.latency().getTotalCount())
                    .as(result.scenario() + " measured")
                    .isPositive();
        }
        assertThat(results.get(0).latency().getTotalCount())
                .as("2 s at 300/s after the warm-up")
                .isEqualTo(600);
        assertThat(results.get(2).latency().getTotalCount())
                .as("the probe reached every idle socket")
                .isEqualTo(60);
        assertThat(results.get(3).latency().getTotalCount())
                .as("5 messages × 12 members")
                .isEqualTo(60);
        assertThat(results.get(4).notes().get("seq")).isEqualTo("gapless, in order");
        assertThat(results.get(6).latency().getTotalCount())
                .as("one handshake per socket")
                .isEqualTo(90);
        assertThat(results.get(7).latency().getTotalCount())
                .as("2 s at 50/s, each to the 10 sockets of its conversation")
                .isEqualTo(1_000);
        try (var reports = Files.list(out)) {
            Path report = reports.findFirst().orElseThrow();
            assertThat(Files.readString(report)).contains("| 1:1 chat |", "percentile distribution");
        }
        assertThat(printed.toString()).contains("Report: ");
    }

    @Test
    void coldStartTimesTheReadmeStartUntilReady() throws Exception {
        Path jar = Path.of("target", "parley", "parley.jar");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(jar), "target/parley is built by the package phase");
        Result result = ColdStartScenario.run(List.of("bin/parley"));
        assertThat(result.notes().get("empty ./data (initdb)")).endsWith(" s");
        assertThat(result.notes().get("restart")).endsWith(" s");
    }
}
