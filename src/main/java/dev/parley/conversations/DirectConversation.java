package dev.parley.conversations;

import java.time.Instant;

/** Seed 000's create answer: {@code {id, other_user, created, created_at}}. */
public record DirectConversation(long id, UserSummary otherUser, boolean created, Instant createdAt) {}
