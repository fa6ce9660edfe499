package dev.parley.realtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An encoded server frame on its way through the {@link dev.parley.fanout.Broker} to every node's
 * sockets of one conversation. Binary layout: conversation id, seq (0 for events that are not
 * messages), revision (0 for events that are not edits or deletes), the user whose sockets are skipped
 * (0 for none), the user who is no longer a member once this message is passed on (0 for none), each 8
 * bytes big-endian; one byte, 1 when
 * the event may change unread counts (messages, read receipts); then the frame's UTF-8 JSON, which is
 * written to the sockets as is.
 *
 * @param frame the complete JSON text of the server frame
 */
record Envelope(
        long conversation,
        long seq,
        long revision,
        long exceptUser,
        long leavingUser,
        boolean changesUnread,
        String frame) {

    private static final int HEADER_BYTES = 5 * Long.BYTES + 1;

    /** A frame for a conversation's sockets. */
    Envelope(long conversation, long seq, long exceptUser, boolean changesUnread, String frame) {
        this(conversation, seq, 0, exceptUser, 0, changesUnread, frame);
    }

    static String topic(long conversation) {
        return "conversation:" + conversation;
    }

    /** A user's own topic: conversations the user joins (the envelope's conversation; no frame). */
    static String userTopic(long user) {
        return "user:" + user;
    }

    byte[] encode() {
        byte[] json = frame.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(HEADER_BYTES + json.length)
                .putLong(conversation)
                .putLong(seq)
                .putLong(revision)
                .putLong(exceptUser)
                .putLong(leavingUser)
                .put((byte) (changesUnread ? 1 : 0))
                .put(json)
                .array();
    }

    /** Bytes of the frame's UTF-8 JSON within {@code encoded}, without decoding it again. */
    int frameBytes(byte[] encoded) {
        return encoded.length - HEADER_BYTES;
    }

    static Envelope decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new Envelope(
                buffer.getLong(),
                buffer.getLong(),
                buffer.getLong(),
                buffer.getLong(),
                buffer.getLong(),
                buffer.get() == 1,
                new String(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, StandardCharsets.UTF_8));
    }
}
