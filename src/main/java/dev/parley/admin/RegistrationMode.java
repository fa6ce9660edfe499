package dev.parley.admin;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Who may register (SPEC "Security and administration"). */
public enum RegistrationMode {
    /** Anyone. */
    OPEN,
    /** Whoever has a live invite code. */
    INVITE,
    /** Nobody: admins make accounts ({@code bin/parley admin create-user}). */
    CLOSED;

    /** The wire and stored name: {@code open}, {@code invite} or {@code closed}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code wireName}, case-insensitively; empty for anything else. */
    public static Optional<RegistrationMode> parse(String wireName) {
        for (RegistrationMode mode : values()) {
            if (mode.wireName().equalsIgnoreCase(wireName == null ? "" : wireName.strip())) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
