package dev.parley.conversations;

/** Seed 000's {@code other_user}: {@code {id, name, email}}. */
public record UserSummary(long id, String name, String email) {}
