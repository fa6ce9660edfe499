package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.ParleyApplication;
import dev.parley.support.ParleyClient;
import dev.parley.support.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A normal start and stop log nothing at WARN or ERROR: an operator's first look at the log shows no
 * false alarm. Zero-config (embedded PostgreSQL, whose stop used to race the search index merger) with Redis
 * (whose connections Spring's factory closes first).
 */
@ExtendWith(OutputCaptureExtension.class)
class QuietStartAndStopIntegrationTests {

    @Test
    void aNormalStartAndStopLogNoWarning(@TempDir Path dataDir, CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(ParleyApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.jmx.enabled=false",
                        "--parley.data-dir=" + dataDir,
                        "--spring.data.redis.url=" + TestRedis.url())) {
            int port = ((WebServerApplicationContext) node).getWebServer().getPort();
            ParleyClient http = new ParleyClient("http://localhost:" + port);
            var pair = http.pair();
            http.sendMessage(pair.alice(), pair.conversation(), "indexed, then merged");
            MeterRegistry meters = node.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(10)) // the search index merger, once a second, has run
                    .until(() -> meters.get("parley.search.merge").timer().count() >= 1);
        }
        assertThat(Arrays.stream(output.getAll().split("\n"))
                        .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                        .toList())
                .isEmpty();
    }
}
