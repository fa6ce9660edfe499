package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ParleyApplication;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.TestUser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Zero-config mode for real: no datasource URL, no secret; Parley starts its embedded PostgreSQL and
 * generates its signing secret under the data directory, and a restart keeps users, messages and
 * tokens.
 */
class ZeroConfigRestartIntegrationTests {

    @Test
    void aRestartKeepsUsersMessagesAndTokens(@TempDir Path dataDir) {
        TestUser alice;
        long conversation;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            assertThat(first.containsBean(EmbeddedPostgresEarlyStart.BEAN_NAME))
                    .as("PostgreSQL was started before the context refresh, alongside it")
                    .isTrue();
            ParleyClient client = clientOf(first);
            alice = client.newUser("alice");
            TestUser bob = client.newUser("bob");
            conversation = client.directConversation(alice, bob);
            assertThat(client.sendMessage(alice, conversation, "kept").status()).isEqualTo(201);
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
        assertThat(dataDir.resolve("jwt-secret")).exists();
        try (ConfigurableApplicationContext second = start(dataDir)) {
            ParleyClient client = clientOf(second);
            assertThat(client.get("/api/users/me/", alice.access()).status())
                    .as("the generated secret survives a restart")
                    .isEqualTo(200);
            TestUser again = client.login(alice.username(), alice.password());
            var history = client.get("/api/chats/conversations/" + conversation + "/messages/", again.access());
            assertThat(history.body().get("results").get(0).get("body").asString())
                    .isEqualTo("kept");
            assertThat(client.sendMessage(again, conversation, "after restart")
                            .body()
                            .get("seq")
                            .asLong())
                    .isEqualTo(2);
        }
    }

    @Test
    void onlyParleyConnectsToTheEmbeddedDatabase(@TempDir Path parent) throws Exception {
        Path dataDir = parent.resolve("data");
        try (ConfigurableApplicationContext context = start(dataDir)) {
            int port = postgresPort(dataDir);
            assertThatThrownBy(() -> DriverManager.getConnection(url(port, null)))
                    .as("no password, as any local user or process could try")
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(url(port, "not-the-password")))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            String password =
                    Files.readString(dataDir.resolve("postgres-password")).strip();
            try (Connection connection = DriverManager.getConnection(url(port, password))) {
                assertThat(setting(connection, "listen_addresses")).isEqualTo("localhost");
                assertThat(setting(connection, "unix_socket_directories"))
                        .isEqualTo(dataDir.resolve("postgres-socket").toString());
                assertThat(setting(connection, "unix_socket_permissions")).isEqualTo("0700");
            }
            assertThat(dataDir.resolve("postgres-socket/.s.PGSQL." + port)).exists();
            assertThat(Path.of("/tmp/.s.PGSQL." + port)).doesNotExist();
            assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres-socket")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres-password")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void aDatabaseThatTrustedEveryLocalConnectionGetsAPasswordAtItsFirstStart(@TempDir Path dataDir) throws Exception {
        // what an earlier Parley left: zonky's defaults, every local connection trusted, no password
        EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .start()
                .close();
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        TestUser alice;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            alice = clientOf(first).newUser("alice");
            int port = postgresPort(dataDir);
            assertThatThrownBy(() -> DriverManager.getConnection(url(port, null)))
                    .isInstanceOf(SQLException.class);
            assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
        try (ConfigurableApplicationContext second = start(dataDir)) {
            assertThat(clientOf(second)
                            .login(alice.username(), alice.password())
                            .access())
                    .isNotBlank();
        }
    }

    @Test
    void startsAfterAHardKillLeftThePreviousPostgresRunning(@TempDir Path dataDir) throws Exception {
        Process run = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HardKilledRun.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(run.getInputStream()))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals("ready")) {
                // PostgreSQL's start-up log
            }
            assertThat(line).as("the child run started PostgreSQL").isEqualTo("ready");
        }
        run.destroyForcibly().waitFor(); // kill -9: no shutdown hook stops PostgreSQL
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .getFirst()
                .strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        try (ConfigurableApplicationContext context = start(dataDir)) {
            assertThat(clientOf(context).get("/actuator/health", null).status()).isEqualTo(200);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the orphaned postmaster was stopped")
                    .isFalse();
        }
    }

    @Test
    void exitWhenReadyClosesOnceReadyAndStopsPostgres(@TempDir Path dataDir) {
        ConfigurableApplicationContext context = start(dataDir, "--parley.exit-when-ready=true");
        assertThat(context.isActive())
                .as("closed by the time run() returns (the AOT training run)")
                .isFalse();
        assertThat(dataDir.resolve("postgres/PG_VERSION"))
                .as("it got as far as the database")
                .exists();
        assertThat(dataDir.resolve("postgres/postmaster.pid"))
                .as("PostgreSQL was stopped, not orphaned")
                .doesNotExist();
    }

    /** The port in {@code postmaster.pid}'s fourth line, as anyone who can list the directory could read it. */
    private static int postgresPort(Path dataDir) throws IOException {
        return Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .get(3)
                .strip());
    }

    private static String url(int port, String password) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres"
                + (password == null ? "" : "&password=" + password);
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (var result = connection.createStatement().executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, String... more) {
        List<String> args = new ArrayList<>(
                List.of("--server.port=0", "--parley.data-dir=" + dataDir, "--spring.jmx.enabled=false"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(ParleyApplication.class).run(args.toArray(String[]::new));
    }

    private static ParleyClient clientOf(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new ParleyClient("http://localhost:" + port);
    }
}
