package dev.parley.accounts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A user's role (SPEC "Security and administration"): {@code user}, or {@code admin}, who may use
 * {@code /api/admin/}. The first account of a fresh server is an admin, and {@code parley.admins} names more.
 */
public enum Role {
    USER,
    ADMIN;

    /** The wire and database name: {@code user} or {@code admin}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
