package dev.parley.conversations;

import java.util.Locale;

/**
 * What happened to a group's membership or title. Each is recorded as a system message whose {@code type} is
 * the {@link #wireName()} ({@code group_created}, {@code member_added}, …), a type only Parley posts.
 */
public enum MembershipChange {
    GROUP_CREATED,
    MEMBER_ADDED,
    MEMBER_REMOVED,
    MEMBER_LEFT,
    TITLE_CHANGED;

    /** The message type that records it: the name in lower case, e.g. {@code member_added}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the member concerned is no longer a member afterwards. */
    public boolean leaves() {
        return this == MEMBER_REMOVED || this == MEMBER_LEFT;
    }
}
