package dev.parley.conversations;

/**
 * A member's read cursor moved forward: every message with {@code fromSeq < seq <= toSeq} is newly read.
 */
public record ReadAdvance(long conversationId, long readerId, long fromSeq, long toSeq) {}
