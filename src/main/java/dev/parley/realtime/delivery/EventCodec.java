package dev.parley.realtime.delivery;

import dev.parley.realtime.delivery.SocketEvent.Joined;
import dev.parley.realtime.delivery.SocketEvent.NewMessage;
import dev.parley.realtime.delivery.SocketEvent.Notice;
import dev.parley.realtime.delivery.SocketEvent.Revision;
import dev.parley.realtime.delivery.SocketEvent.ToUser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a {@link SocketEvent} between nodes. Layout, big-endian: one byte of format version
 * ({@value #VERSION}), one byte of kind, the 8-byte id of the node that published it, the kind's fields
 * (8 bytes per number, one byte per flag), then the frame's UTF-8 JSON to the end. A node drops payloads
 * of another version (a rolling upgrade's other half; its sockets catch up from PostgreSQL) and its own
 * (delivered locally already).
 */
final class EventCodec {

    static final byte VERSION = 1;

    private static final byte NEW_MESSAGE = 1;
    private static final byte REVISION = 2;
    private static final byte NOTICE = 3;
    private static final byte TO_USER = 4;
    private static final byte JOINED = 5;

    /**
     * A decoded payload.
     *
     * @param frameBytes the frame's length in UTF-8 bytes, known without encoding it again
     */
    record Received(long origin, SocketEvent event, int frameBytes) {}

    /** An encoded event, with its frame's length in UTF-8 bytes. */
    record Encoded(byte[] payload, int frameBytes) {}

    private EventCodec() {}

    static Encoded encode(long origin, SocketEvent event) {
        byte[] frame = switch (event) {
            case SocketEvent.ForConversation e -> e.frame().getBytes(StandardCharsets.UTF_8);
            case ToUser e -> e.frame().getBytes(StandardCharsets.UTF_8);
            case Joined e -> new byte[0];
        };
        ByteBuffer buffer = ByteBuffer.allocate(2 + Long.BYTES + fieldBytes(event) + frame.length);
        buffer.put(VERSION);
        switch (event) {
            case NewMessage e ->
                buffer.put(NEW_MESSAGE)
                        .putLong(origin)
                        .putLong(e.conversation())
                        .putLong(e.seq())
                        .putLong(e.leavingUser())
                        .putLong(e.committedAt());
            case Revision e ->
                buffer.put(REVISION)
                        .putLong(origin)
                        .putLong(e.conversation())
                        .putLong(e.revision())
                        .put((byte) (e.deleted() ? 1 : 0))
                        .putLong(e.committedAt());
            case Notice e ->
                buffer.put(NOTICE)
                        .putLong(origin)
                        .putLong(e.conversation())
                        .putLong(e.exceptUser())
                        .put((byte) (e.changesUnread() ? 1 : 0));
            case ToUser e -> buffer.put(TO_USER).putLong(origin).putLong(e.user());
            case Joined e ->
                buffer.put(JOINED)
                        .putLong(origin)
                        .putLong(e.user())
                        .putLong(e.conversation())
                        .putLong(e.startSeq());
        }
        return new Encoded(buffer.put(frame).array(), frame.length);
    }

    private static int fieldBytes(SocketEvent event) {
        return switch (event) {
            case NewMessage e -> 4 * Long.BYTES;
            case Revision e -> 3 * Long.BYTES + 1;
            case Notice e -> 2 * Long.BYTES + 1;
            case ToUser e -> Long.BYTES;
            case Joined e -> 3 * Long.BYTES;
        };
    }

    /**
     * The length in UTF-8 bytes of an event's frame, without encoding it (what a socket's outbox counts
     * when the event is not encoded for other nodes).
     */
    static int frameBytes(SocketEvent event) {
        String frame = switch (event) {
            case SocketEvent.ForConversation e -> e.frame();
            case ToUser e -> e.frame();
            case Joined e -> "";
        };
        int bytes = 0;
        for (int i = 0; i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < frame.length()
                    && Character.isLowSurrogate(frame.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The node that published a payload of this version, without decoding the rest; 0 for another version. */
    static long origin(byte[] bytes) {
        if (bytes.length < 2 + Long.BYTES || bytes[0] != VERSION) {
            return 0;
        }
        return ByteBuffer.wrap(bytes, 2, Long.BYTES).getLong();
    }

    /**
     * Decodes a payload.
     *
     * @return null for a payload of another format version
     * @throws IllegalArgumentException for a payload of this version that is malformed
     */
    static Received decode(byte[] bytes) {
        if (bytes.length < 2 || bytes[0] != VERSION) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
        byte kind = bytes[1];
        try {
            long origin = buffer.getLong();
            SocketEvent event = switch (kind) {
                case NEW_MESSAGE ->
                    new NewMessage(
                            buffer.getLong(),
                            buffer.getLong(),
                            buffer.getLong(),
                            buffer.getLong(),
                            rest(bytes, buffer));
                case REVISION ->
                    new Revision(
                            buffer.getLong(),
                            buffer.getLong(),
                            buffer.get() == 1,
                            buffer.getLong(),
                            rest(bytes, buffer));
                case NOTICE -> new Notice(buffer.getLong(), buffer.getLong(), buffer.get() == 1, rest(bytes, buffer));
                case TO_USER -> new ToUser(buffer.getLong(), rest(bytes, buffer));
                case JOINED -> new Joined(buffer.getLong(), buffer.getLong(), buffer.getLong());
                default -> throw new IllegalArgumentException("Unknown event kind " + kind);
            };
            return new Received(origin, event, bytes.length - buffer.position());
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("Truncated event", e);
        }
    }

    private static String rest(byte[] bytes, ByteBuffer buffer) {
        return new String(bytes, buffer.position(), bytes.length - buffer.position(), StandardCharsets.UTF_8);
    }
}
