package dev.parley.messaging;

/**
 * A member added or removed an emoji on a message; published in the changing transaction.
 *
 * @param count members with that emoji on the message afterwards
 */
public record ReactionChanged(long conversation, long messageId, String emoji, long user, boolean added, long count) {}
