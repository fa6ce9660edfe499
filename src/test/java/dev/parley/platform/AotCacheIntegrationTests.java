package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The package phase on JDK 25+ (profile {@code aot-cache} in {@code pom.xml}) leaves a JDK AOT cache
 * that fits {@code target/parley/parley.jar}, the way {@code bin/parley} starts it.
 */
class AotCacheIntegrationTests {

    @Test
    void theTrainedCacheFitsTheExtractedJar() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 25, "the build trains the cache on JDK 25+");
        Path app = Path.of("target", "parley");
        assertThat(app.resolve("parley.aot")).exists();
        Process java = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:AOTCache=" + app.resolve("parley.aot"),
                        "-XX:AOTMode=on", // fail rather than start without it
                        "-cp",
                        app.resolve("parley.jar").toString(),
                        "-version")
                .redirectErrorStream(true)
                .start();
        String output = new String(java.getInputStream().readAllBytes());
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        assertThat(output).as("no warning from the cache").doesNotContain("warning");
    }
}
