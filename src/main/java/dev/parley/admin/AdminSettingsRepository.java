package dev.parley.admin;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code admin_settings} table: settings an admin changes at runtime, by name, read by every node. */
@Repository
class AdminSettingsRepository {

    private final JdbcClient jdbc;

    AdminSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The value an admin stored under {@code name}, if any. */
    Optional<String> get(String name) {
        return jdbc.sql("SELECT value FROM admin_settings WHERE name = ?")
                .param(name)
                .query(String.class)
                .optional();
    }

    /** Stores {@code value} under {@code name}, replacing any. */
    void put(String name, String value) {
        jdbc.sql("""
                        INSERT INTO admin_settings (name, value) VALUES (?, ?)
                        ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = now()""").params(name, value).update();
    }
}
