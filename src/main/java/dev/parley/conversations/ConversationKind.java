package dev.parley.conversations;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A conversation's kind (SPEC: seed 000's direct conversations, seed 004's groups). */
public enum ConversationKind {
    /** Between two users, one per pair. */
    DIRECT,
    /** A titled group of members, with admins. */
    GROUP;

    /** The wire and stored name: {@code direct} or {@code group}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ConversationKind of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
