package dev.parley.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One real PostgreSQL (zonky's embedded binaries) per test JVM, on a free port, deleted at exit. */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;

    private TestDatabase() {}

    private static final java.util.concurrent.atomic.AtomicInteger FRESH =
            new java.util.concurrent.atomic.AtomicInteger();

    /** The JDBC URL of a new empty database in the test PostgreSQL: a fresh server's, for one test's nodes. */
    public static String freshJdbcUrl() {
        String name = "fresh_" + ProcessHandle.current().pid() + "_" + FRESH.incrementAndGet();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbcUrl())) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return jdbcUrl().replace("/postgres?", "/" + name + "?");
    }

    /** The JDBC URL of the shared test database, starting it on first use. */
    public static synchronized String jdbcUrl() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }
}
