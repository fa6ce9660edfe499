package dev.parley.conversations;

/**
 * What a reader of a conversation's history needs besides the messages: the conversation's last seq and
 * its two furthest read cursors, which tell for any message whether a member other than its sender has
 * read it (seed 000's {@code is_read}) without a query per message.
 *
 * @param lastSeq seq of the conversation's newest message, 0 when it has none
 * @param firstUser the member with the furthest read cursor (-1 when none)
 * @param firstSeq that member's cursor: every message with seq ≤ it is read
 * @param secondUser the member with the next furthest cursor (-1 when none)
 * @param secondSeq that member's cursor (0 when none)
 */
public record ReadCursors(long lastSeq, long firstUser, long firstSeq, long secondUser, long secondSeq) {

    /** Whether a member other than {@code sender} (null for a system message) has read up to {@code seq}. */
    public boolean readByOtherThan(Long sender, long seq) {
        long furthestOther = sender != null && sender == firstUser ? secondSeq : firstSeq;
        return furthestOther >= seq;
    }
}
