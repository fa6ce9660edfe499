package dev.parley.conversations;

import java.time.Instant;

/**
 * A conversation's own data.
 *
 * @param kind direct or group
 * @param lastSeq seq of its newest message, 0 when empty
 * @param lastRevision revision of its newest edit or delete, 0 when none
 */
public record Conversation(
        long id, ConversationKind kind, String title, long lastSeq, long lastRevision, Instant createdAt) {

    /** How far the conversation has come. */
    public Position position() {
        return new Position(lastSeq, lastRevision);
    }
}
