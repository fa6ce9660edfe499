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
 * a directory across restarts. A postmaster left running by a hard-killed previous run is stopped
 * first, so that a {@code kill -9} never blocks the next start.
 */
final class EmbeddedPostgresLauncher {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresLauncher.class);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private EmbeddedPostgresLauncher() {}

    /**
     * Starts PostgreSQL on {@code dataDirectory}, initialising it on first use.
     *
     * <p>zonky defaults to {@code fsync} and {@code synchronous_commit} off, which could lose
     * acknowledged messages on a crash (SPEC "Guarantees"); both are switched back on here.
     */
    static EmbeddedPostgres start(Path dataDirectory) throws IOException {
        stopOrphanedPostmaster(dataDirectory);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
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
