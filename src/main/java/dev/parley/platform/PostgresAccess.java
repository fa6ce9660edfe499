package dev.parley.platform;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Who may connect to the embedded PostgreSQL, written into its data directory before every start (zonky's
 * data directory customizer runs after initdb and before the postmaster):
 *
 * <ul>
 *   <li>{@code pg_hba.conf}: every connection, TCP or Unix socket, authenticates with the superuser's password
 *       (SCRAM-SHA-256); edits to the file are replaced;
 *   <li>{@code parley.conf}, included from {@code postgresql.conf}: TCP on loopback only, the Unix socket in
 *       Parley's owner-only socket directory and itself owner-only.
 * </ul>
 *
 * A data directory whose superuser has no password yet (made by an earlier Parley, which trusted every local
 * connection) or whose password file was lost gets the password first, through PostgreSQL's single-user mode,
 * which opens no socket: there is no moment at which the database is reachable without it.
 */
final class PostgresAccess {

    static final String HBA_HEADER = "# Written by Parley at every start";
    private static final String INCLUDE = "include_if_exists = 'parley.conf'";

    private PostgresAccess() {}

    /**
     * Writes the access rules into {@code data}, setting the password first when {@code passwordIsNew} on a
     * database that already existed.
     *
     * @param socketDirectory where the Unix socket goes; empty for none
     * @param password the superuser's password (letters, digits, {@code -} and {@code _} only)
     * @throws UncheckedIOException when a file cannot be written or the password cannot be set
     */
    static void write(Path data, String socketDirectory, String password, boolean passwordIsNew) {
        try {
            if (passwordIsNew && Files.exists(data.resolve("postmaster.opts"))) {
                setPassword(data, password);
            }
            Files.writeString(data.resolve("pg_hba.conf"), """
                    %s (edits are replaced): every connection gives the superuser's
                    # password, kept in the Parley data directory's postgres-password file.
                    local   all   all                  scram-sha-256
                    host    all   all   127.0.0.1/32   scram-sha-256
                    host    all   all   ::1/128        scram-sha-256
                    """.formatted(HBA_HEADER), StandardCharsets.UTF_8);
            Files.writeString(
                    data.resolve("parley.conf"),
                    """
                    %s: loopback TCP only, the Unix socket in Parley's owner-only directory.
                    listen_addresses = 'localhost'
                    unix_socket_directories = '%s'
                    unix_socket_permissions = 0700
                    password_encryption = 'scram-sha-256'
                    """.formatted(HBA_HEADER, socketDirectory.replace("'", "''")),
                    StandardCharsets.UTF_8);
            Path conf = data.resolve("postgresql.conf");
            if (!Files.readString(conf, StandardCharsets.UTF_8).contains(INCLUDE)) {
                Files.writeString(
                        conf, "\n" + INCLUDE + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot secure the embedded PostgreSQL in " + data, e);
        }
    }

    /** {@code ALTER ROLE} in single-user mode, with the binary the database last ran (zonky runs the same). */
    private static void setPassword(Path data, String password) throws IOException {
        Path postgres = binary(data)
                .orElseThrow(() -> new IOException("No PostgreSQL binary found to set the superuser's password of "
                        + data + " (postmaster.opts names none that exists)"));
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // as zonky does when run as root
        }
        command.addAll(List.of(postgres.toString(), "--single", "-D", data.toString(), "-F", "postgres"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (Writer input = process.outputWriter(StandardCharsets.UTF_8)) {
            input.write("ALTER ROLE " + EmbeddedPostgresLauncher.SUPERUSER + " PASSWORD '" + password + "'\n");
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(
                        "PostgreSQL's single-user mode could not set the superuser's password of " + data);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while setting the superuser's password", e);
        }
    }

    /**
     * The {@code postgres} binary named in {@code postmaster.opts} (written at every start of the database), or
     * else the newest one zonky extracted into its working directory.
     */
    static Optional<Path> binary(Path data) throws IOException {
        String opts = Files.readString(data.resolve("postmaster.opts"), StandardCharsets.UTF_8);
        int end = opts.indexOf(" \"");
        Path named = Path.of((end < 0 ? opts : opts.substring(0, end)).strip());
        if (Files.isExecutable(named)) {
            return Optional.of(named);
        }
        Path extracted = Path.of(System.getProperty(
                "ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
        Path newest = null;
        if (Files.isDirectory(extracted)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(extracted, "PG-*")) {
                for (Path dir : dirs) {
                    Path candidate = dir.resolve("bin/postgres");
                    if (Files.isExecutable(candidate)
                            && (newest == null
                                    || Files.getLastModifiedTime(candidate).compareTo(Files.getLastModifiedTime(newest))
                                            > 0)) {
                        newest = candidate;
                    }
                }
            }
        }
        return Optional.ofNullable(newest);
    }
}
