package dev.parley.conversations;

/**
 * What a query read about a conversation, with whether the asking user is one of its members.
 *
 * @param found the conversation, or what was read of it
 * @param member whether the user is a member
 */
record Seen<T>(T found, boolean member) {}
