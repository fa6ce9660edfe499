package dev.parley.realtime.delivery;

import java.nio.charset.StandardCharsets;

/**
 * One server frame on its way to a socket, encoded once and shared by every socket it goes to.
 *
 * @param text the frame's JSON text
 * @param bytes its length in UTF-8 bytes (what a socket's outbox counts against its limit)
 * @param committedAt when the event it announces was committed, in epoch milliseconds; 0 when the frame
 *     announces no commit (or it is unknown), so it is left out of the delivery latency
 * @param leavingUser for a message after which that user is no longer a member of the conversation, else 0
 */
record Outgoing(String text, int bytes, long committedAt, long leavingUser) {

    /** The frame of a conversation event, whose UTF-8 JSON is {@code bytes} long. */
    static Outgoing of(SocketEvent.ForConversation event, int bytes) {
        return switch (event) {
            case SocketEvent.NewMessage e -> new Outgoing(e.frame(), bytes, e.committedAt(), e.leavingUser());
            case SocketEvent.Revision e -> new Outgoing(e.frame(), bytes, e.committedAt(), 0);
            case SocketEvent.Notice e -> new Outgoing(e.frame(), bytes, 0, 0);
        };
    }

    /** A frame that announces no commit. */
    static Outgoing of(String text) {
        return new Outgoing(text, text.getBytes(StandardCharsets.UTF_8).length, 0, 0);
    }
}
