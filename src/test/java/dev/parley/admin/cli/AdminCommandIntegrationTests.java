package dev.parley.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.DataDirectory;
import dev.parley.support.IntegrationTest;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.TestUser;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code bin/parley admin} against a running node: it finds the node and its credential in the data
 * directory, makes accounts, sets passwords and roles (each in the audit log), and refuses with one sentence
 * when the credential is wrong, the node is not running, or a request comes through a proxy.
 */
class AdminCommandIntegrationTests extends IntegrationTest {

    @Autowired
    DataDirectory dataDirectory;

    private record Result(int exit, String out, String err) {}

    @Test
    void theNodeKeepsItsCredentialOwnerOnlyAndItsLoopbackAddressInTheDataDirectory() throws Exception {
        assertThat(Files.getPosixFilePermissions(dataDirectory.file("admin-key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(dataDirectory.file("admin-endpoint")).strip())
                .isEqualTo("http://127.0.0.1:" + port);
    }

    @Test
    void createsAnAccountWhateverTheRegistrationModeAndAuditsIt() {
        Result created = admin("a-strong-password\n", "create-user", "rescuer", "rescuer@example.com", "--admin");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created rescuer").contains("admin");
        ParleyClient http = client();
        TestUser rescuer = http.login("rescuer", "a-strong-password");
        assertThat(http.get("/api/users/me/", rescuer.access())
                        .body()
                        .get("role")
                        .asString())
                .isEqualTo("admin");
        JsonNode entry =
                http.get("/api/admin/audit/?limit=1", rescuer.access()).body().get(0);
        assertThat(entry.get("action").asString()).isEqualTo("create_user");
        assertThat(entry.get("actor").asString()).isEqualTo("bin/parley admin");
        assertThat(entry.get("actor_id").isNull()).isTrue();

        Result taken = admin("another-password\n", "create-user", "rescuer", "other@example.com");
        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.err()).contains("username_taken");
    }

    @Test
    void resetsAPasswordAndEndsTheSessions() {
        ParleyClient http = client();
        TestUser locked = http.newUser("lockedout");
        Result reset = admin("brand-new-password\n", "reset-password", locked.username());
        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(http.get("/api/users/me/", locked.access()).status()).isEqualTo(401);
        assertThat(http.login(locked.username(), "brand-new-password").access()).isNotBlank();
        assertThat(http.post("/auth/login/", null, Map.of("username", locked.username(), "password", locked.password()))
                        .status())
                .isEqualTo(401);
        assertThat(admin("short\n", "reset-password", locked.username()).err()).contains("password_too_short");
        assertThat(admin("long-enough-pw\n", "reset-password", "nobody-by-that-name")
                        .err())
                .contains("user_not_found");
    }

    @Test
    void grantsAndRevokesAdminThroughBinParley() throws Exception {
        ParleyClient http = client();
        TestUser promoted = http.newUser("promoted");
        Result granted = binParley("set-admin", promoted.username(), "true");
        assertThat(granted.exit()).as(granted.err()).isZero();
        assertThat(granted.out()).contains(promoted.username() + " is now an admin");
        assertThat(http.get("/api/admin/users/", promoted.access()).status()).isEqualTo(200);
        assertThat(binParley("set-admin", promoted.username(), "false").out()).contains("is now a user");
        assertThat(http.get("/api/admin/users/", promoted.access()).code()).isEqualTo("admin_only");
        assertThat(binParley("set-admin", promoted.username()).exit())
                .as("usage")
                .isEqualTo(2);
    }

    @Test
    void aWrongCredentialOrAProxiedRequestIsRefused(@TempDir Path elsewhere) throws Exception {
        Files.copy(dataDirectory.file("admin-endpoint"), elsewhere.resolve("admin-endpoint"));
        Files.writeString(elsewhere.resolve("admin-key"), "not-the-key\n");
        Result refused = run(elsewhere, "", "set-admin", "anyone", "true");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("invalid_admin_key");

        String key = Files.readString(dataDirectory.file("admin-key")).strip();
        ParleyClient.Response proxied = client().send(
                        "PUT",
                        "/local/admin/users/anyone/admin",
                        null,
                        "{\"admin\":true}",
                        Map.of("X-Parley-Admin-Key", key, "X-Forwarded-For", "203.0.113.7"));
        assertThat(proxied.status()).isEqualTo(401);
        assertThat(proxied.code()).isEqualTo("invalid_admin_key");
    }

    @Test
    void saysSoWhenNoNodeIsRunningOrTheDataDirectoryHasNone(@TempDir Path elsewhere) throws Exception {
        assertThat(run(elsewhere, "", "set-admin", "anyone", "true").err())
                .contains("admin-endpoint does not exist")
                .contains("PARLEY_DATA_DIR");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(elsewhere.resolve("admin-endpoint"), "http://127.0.0.1:" + closedPort + "\n");
        Files.copy(dataDirectory.file("admin-key"), elsewhere.resolve("admin-key"));
        Result none = run(elsewhere, "", "set-admin", "anyone", "true");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("No Parley node answers").contains("bin/parley");
    }

    private Result admin(String stdin, String... args) {
        return run(dataDirectory.file("admin-key").getParent(), stdin, args);
    }

    private static Result run(Path dataDir, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dataDir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = new AdminCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        new BufferedReader(new StringReader(stdin)))
                .run(all);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code bin/parley admin …} as a process, with this JVM's JDK and the built {@code target/parley/}. */
    private Result binParley(String... args) throws Exception {
        String[] command = new String[args.length + 5];
        command[0] = "sh";
        command[1] = "bin/parley";
        command[2] = "admin";
        command[3] = "--data-dir";
        command[4] = dataDirectory.file("admin-key").getParent().toString();
        System.arraycopy(args, 0, command, 5, args.length);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }
}
