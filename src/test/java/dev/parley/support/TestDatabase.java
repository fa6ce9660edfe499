package dev.parley.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One real PostgreSQL (zonky's embedded binaries) per test JVM, on a free port, deleted at exit. */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;

    private TestDatabase() {}

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
