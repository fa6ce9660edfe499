package dev.parley.conversations;

/**
 * A group's membership or title changed; published inside the changing transaction, so that a system
 * message records it at its place in the conversation (seq).
 *
 * @param kind what changed
 * @param userId the member concerned (the creator for {@code group_created}, the actor for a title)
 * @param actorId who did it
 * @param title the new title, for {@code group_created} and {@code title_changed}
 */
public record MembershipChanged(long conversationId, MembershipChange kind, long userId, long actorId, String title) {

    /** Whether {@link #userId} is no longer a member afterwards. */
    public boolean leaves() {
        return kind.leaves();
    }
}
