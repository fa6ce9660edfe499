package dev.parley.conversations;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A member's role in a group: admins manage members and the title (a direct conversation has members only). */
public enum MemberRole {
    ADMIN,
    MEMBER;

    /** The wire and stored name: {@code admin} or {@code member}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role may add and remove members and rename the group. */
    public boolean managesMembers() {
        return this == ADMIN;
    }

    static MemberRole of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
