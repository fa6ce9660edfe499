package dev.parley.realtime.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One server frame on its way to sockets: its JSON as UTF-8, encoded once and shared, unchanged, by every
 * socket it goes to (each write reads its own {@link ByteBuffer#duplicate() view}).
 *
 * @param utf8 the frame's JSON text in UTF-8, read-only, from its position to its limit
 * @param committedAt when the event it announces was committed, in epoch milliseconds; 0 when the frame
 *     announces no commit (or it is unknown), so it is left out of the delivery latency
 * @param leavingUser for a message after which that user is no longer a member of the conversation, else 0
 */
record Outgoing(ByteBuffer utf8, long committedAt, long leavingUser) {

    Outgoing {
        utf8 = utf8.asReadOnlyBuffer();
    }

    /** The frame of a conversation event, whose JSON text is {@code utf8}. */
    static Outgoing of(SocketEvent.ForConversation event, ByteBuffer utf8) {
        return switch (event) {
            case SocketEvent.NewMessage e -> new Outgoing(utf8, e.committedAt(), e.leavingUser());
            case SocketEvent.Revision e -> new Outgoing(utf8, e.committedAt(), 0);
            case SocketEvent.Notice e -> new Outgoing(utf8, 0, 0);
        };
    }

    /** A frame that announces no commit. */
    static Outgoing of(String text) {
        return new Outgoing(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0, 0);
    }

    /** The frame's length in UTF-8 bytes (what a socket's outbox counts against its limit). */
    int bytes() {
        return utf8.remaining();
    }

    /** The frame's JSON text, decoded again (for tests and logs; sockets get {@link #utf8}). */
    String text() {
        return StandardCharsets.UTF_8.decode(utf8.duplicate()).toString();
    }
}
