package dev.parley.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the zero-config PostgreSQL (zonky's embedded binaries) on a free port with its data kept in
 * {@code <data-dir>/postgres} across restarts. A postmaster left running by a hard-killed previous run is
 * stopped first, so that a {@code kill -9} never blocks the next start.
 *
 * <p>Only Parley gets in: the superuser's password is generated once into {@code <data-dir>/postgres-password}
 * (owner-only, like the JWT secret) and every connection must give it (SCRAM, {@code pg_hba.conf} rewritten at
 * every start); TCP listens on loopback only, and the Unix socket lies in {@code <data-dir>/postgres-socket},
 * inside the owner-only data directory. A data directory made by an earlier Parley, whose superuser had no
 * password, gets one at its first start here ({@link PostgresAccess}).
 */
final class EmbeddedPostgresLauncher {

    /** The superuser's password, in the data directory. */
    static final String PASSWORD_FILE = "postgres-password";

    /** The directory of the Unix socket, in the data directory. */
    static final String SOCKET_DIRECTORY = "postgres-socket";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresLauncher.class);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    /** The superuser zonky creates; Parley connects as it. */
    static final String SUPERUSER = "postgres";

    /** A Unix socket's path has at most 107 bytes; PostgreSQL names it {@code .s.PGSQL.<port>}. */
    private static final int MAX_SOCKET_PATH_BYTES = 107 - "/.s.PGSQL.65535".length();

    private EmbeddedPostgresLauncher() {}

    /**
     * Starts PostgreSQL on {@code <data-dir>/postgres}, initialising it on first use.
     *
     * <p>zonky defaults to {@code fsync} and {@code synchronous_commit} off, which could lose
     * acknowledged messages on a crash (SPEC "Guarantees"); both are switched back on here.
     *
     * @throws IOException when initdb, the password or the postmaster's start fails
     */
    static EmbeddedPostgres start(DataDirectory dataDirectory) throws IOException {
        Path directory = dataDirectory.directory("postgres");
        boolean passwordIsNew = !Files.exists(dataDirectory.file(PASSWORD_FILE));
        String password = dataDirectory.secret(PASSWORD_FILE);
        Path sockets = dataDirectory.directory(SOCKET_DIRECTORY);
        stopOrphanedPostmaster(directory);
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                // initdb (first start only): the superuser's password from its file, password logins
                .setLocaleConfig("pwfile", dataDirectory.file(PASSWORD_FILE).toString())
                .setLocaleConfig("auth", "scram-sha-256")
                // every start, before the postmaster: who may connect, and where it listens
                .setDataDirectoryCustomizer(files ->
                        PostgresAccess.write(files.toPath(), socketDirectory(sockets), password, passwordIsNew))
                .setConnectConfig("password", password)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /** {@code sockets}, or none at all (TCP on loopback only) when its path is too long for a socket. */
    private static String socketDirectory(Path sockets) {
        boolean fits = sockets.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES;
        if (!fits) {
            log.debug("{} is too long a path for a Unix socket; PostgreSQL listens on loopback TCP only", sockets);
        }
        return fits ? sockets.toString() : "";
    }

    /** Stops the postmaster named in {@code postmaster.pid} if it still runs (fast shutdown, then kill). */
    static void stopOrphanedPostmaster(Path dataDirectory) {
        Optional<ProcessHandle> postmaster = readPid(dataDirectory.resolve("postmaster.pid"))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(EmbeddedPostgresLauncher::isPostgres);
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle process = postmaster.get();
        log.warn("Stopping PostgreSQL (pid {}) left running by a previous Parley run", process.pid());
        try {
            // SIGINT is PostgreSQL's fast shutdown; ProcessHandle only sends TERM/KILL.
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
            process.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("PostgreSQL (pid {}) did not stop in time; killing it", process.pid());
            process.destroyForcibly();
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> c.contains("postgres")).orElse(true);
    }
}
