package dev.parley.conversations;

import java.time.Instant;

/**
 * A conversation's own data.
 *
 * @param kind {@code "direct"} or {@code "group"}
 * @param lastSeq seq of its newest message, 0 when empty
 */
public record Conversation(long id, String kind, String title, long lastSeq, Instant createdAt) {}
