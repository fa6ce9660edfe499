package dev.parley.conversations;

/**
 * A member of a conversation as group views show it.
 *
 * @param role {@code "admin"} or {@code "member"}
 */
public record Member(long id, String username, String name, String role) {}
