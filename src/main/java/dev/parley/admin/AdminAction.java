package dev.parley.admin;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an admin did, as the audit log and {@code parley.admin.actions{action}} name it. */
public enum AdminAction {
    DEACTIVATE,
    REACTIVATE,
    PASSWORD_RESET,
    GRANT_ADMIN,
    REVOKE_ADMIN,
    SET_REGISTRATION_MODE,
    CREATE_INVITE,
    REVOKE_INVITE,
    CREATE_USER,
    SET_PASSWORD;

    /** The wire and stored name, e.g. {@code grant_admin}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AdminAction of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
