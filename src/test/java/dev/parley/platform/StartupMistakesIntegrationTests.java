package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.support.Nodes;
import dev.parley.support.TestDatabase;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Each common start-up mistake ends the start within seconds, before initdb or migrations, with Boot's
 * one-paragraph report naming the setting and what to do, and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupMistakesIntegrationTests {

    @Test
    void anUnreachableDatabase(CapturedOutput output) throws Exception {
        int closed = freePort();
        fails(
                output,
                List.of("PostgreSQL cannot be reached", "SPRING_DATASOURCE_URL"),
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closed + "/parley");
    }

    @Test
    void refusedDatabaseCredentials(CapturedOutput output) {
        String url = TestDatabase.jdbcUrl().replaceAll("\\?.*", "");
        fails(
                output,
                List.of("PostgreSQL refused the credentials", "SPRING_DATASOURCE_USERNAME"),
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=nobody-" + System.nanoTime());
    }

    @Test
    void anUnreachableRedis(CapturedOutput output) throws Exception {
        fails(
                output,
                List.of("Redis at 127.0.0.1:", "cannot be reached", "SPRING_DATA_REDIS_URL"),
                "--spring.data.redis.url=redis://127.0.0.1:" + freePort());
    }

    @Test
    void aPortInUse(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            fails(
                    output,
                    List.of("Port " + taken.getLocalPort() + " was already in use"),
                    "--server.port=" + taken.getLocalPort());
        }
    }

    @Test
    void aShortJwtSecret(CapturedOutput output) {
        fails(output, List.of("PARLEY_JWT_SECRET", "has 5 bytes", "at least 32"), "--parley.jwt.secret=short");
    }

    @Test
    void aDataDirectoryThatCannotBeWritten(CapturedOutput output) throws Exception {
        Path file = Files.createTempFile("parley-not-a-directory", "");
        fails(
                output,
                List.of("is not a writable directory", "PARLEY_DATA_DIR"),
                "--parley.data-dir=" + file.resolve("data"));
    }

    private static void fails(CapturedOutput output, List<String> said, String... args) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Nodes.start(args)).isInstanceOf(RuntimeException.class);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("start-up mistake %s reported after %d ms%n", List.of(args), millis);
        String report = output.getAll().substring(output.getAll().lastIndexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains(said);
        assertThat(report).as("one paragraph, no stack trace").doesNotContain("\tat ");
        assertThat(output.getAll()).as("nothing was started first").doesNotContain("Migrating schema");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
