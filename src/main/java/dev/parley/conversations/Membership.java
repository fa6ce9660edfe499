package dev.parley.conversations;

import java.util.List;

/**
 * One of a user's conversations as their conversation list shows it, from the conversations module's side: the
 * conversation, the user's own settings and read cursor, who else is in it, and its read cursors (for the last
 * message's {@code is_read}).
 *
 * @param lastReadSeq the user's read cursor: every message up to it is read by them
 * @param archived archived by the user and nothing newer since (seed 003)
 * @param muted muted by the user
 * @param otherUser the other member of a direct conversation (null for groups, or when alone)
 * @param members a group's members as user id and role, in joining order (empty for direct conversations)
 * @param cursors the conversation's two furthest read cursors
 */
public record Membership(
        Conversation conversation,
        long lastReadSeq,
        boolean archived,
        boolean muted,
        Long otherUser,
        List<Member> members,
        ReadCursors cursors) {

    /** A member of a group: user id and role (names come from accounts). */
    public record Member(long user, MemberRole role) {}
}
