package dev.parley.conversations;

import dev.parley.accounts.User;

/**
 * A member of a conversation as group views show it.
 *
 * @param role in a group, {@code admin} or {@code member}
 */
public record Member(long id, String username, String name, MemberRole role) {

    /** {@code user} as a member with {@code role}. */
    public static Member of(User user, MemberRole role) {
        return new Member(user.id(), user.username(), user.name(), role);
    }
}
