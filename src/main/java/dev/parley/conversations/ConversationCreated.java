package dev.parley.conversations;

import java.util.List;

/** A conversation was created with these members; published inside the creating transaction. */
public record ConversationCreated(long conversationId, List<Long> memberIds) {}
