package dev.parley.realtime.delivery;

import dev.parley.realtime.delivery.SocketEvent.Joined;
import dev.parley.realtime.delivery.SocketEvent.NewMessage;
import dev.parley.realtime.delivery.SocketEvent.Notice;
import dev.parley.realtime.delivery.SocketEvent.Revision;
import dev.parley.realtime.delivery.SocketEvent.SessionsEnded;
import dev.parley.realtime.delivery.SocketEvent.ToUser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The bytes of a {@link SocketEvent} between nodes. Layout, big-endian: one byte of format version
 * ({@value #VERSION}), one byte of kind, the 8-byte id of the node that published it, the kind's fields
 * (8 bytes per number, one byte per flag; ended sessions as a 4-byte count and 16 bytes per session id),
 * then the frame's UTF-8 JSON to the end. A node drops payloads
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
    private static final byte SESSIONS_ENDED = 6;

    /**
     * A decoded payload.
     *
     * @param frame the frame's UTF-8 JSON, a view of the payload (not decoded and encoded again)
     */
    record Received(long origin, SocketEvent event, ByteBuffer frame) {}

    /**
     * An encoded event.
     *
     * @param frame the frame's UTF-8 JSON, a view of the payload, for this node's sockets
     */
    record Encoded(byte[] payload, ByteBuffer frame) {}

    private EventCodec() {}

    static Encoded encode(long origin, SocketEvent event) {
        ByteBuffer frame = frame(event);
        int frameBytes = frame.remaining();
        ByteBuffer buffer = ByteBuffer.allocate(2 + Long.BYTES + fieldBytes(event) + frameBytes);
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
            case SessionsEnded e -> {
                buffer.put(SESSIONS_ENDED)
                        .putLong(origin)
                        .putLong(e.user())
                        .putInt(e.sessions().size());
                e.sessions()
                        .forEach(session -> buffer.putLong(session.getMostSignificantBits())
                                .putLong(session.getLeastSignificantBits()));
            }
        }
        int frameStart = buffer.position();
        byte[] payload = buffer.put(frame).array();
        return new Encoded(
                payload, ByteBuffer.wrap(payload, frameStart, frameBytes).slice());
    }

    private static int fieldBytes(SocketEvent event) {
        return switch (event) {
            case NewMessage e -> 4 * Long.BYTES;
            case Revision e -> 3 * Long.BYTES + 1;
            case Notice e -> 2 * Long.BYTES + 1;
            case ToUser e -> Long.BYTES;
            case Joined e -> 3 * Long.BYTES;
            case SessionsEnded e -> Long.BYTES + Integer.BYTES + e.sessions().size() * 2 * Long.BYTES;
        };
    }

    /** The UTF-8 JSON of an event's frame, for this node's sockets when it is not encoded for other nodes. */
    static ByteBuffer frame(SocketEvent event) {
        return switch (event) {
            case SocketEvent.ForConversation e -> ByteBuffer.wrap(e.frame().getBytes(StandardCharsets.UTF_8));
            case ToUser e -> ByteBuffer.wrap(e.frame().getBytes(StandardCharsets.UTF_8));
            case Joined e -> ByteBuffer.allocate(0);
            case SessionsEnded e -> ByteBuffer.allocate(0);
        };
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
                case SESSIONS_ENDED -> sessionsEnded(buffer);
                default -> throw new IllegalArgumentException("Unknown event kind " + kind);
            };
            int frameStart = buffer.position();
            return new Received(
                    origin,
                    event,
                    ByteBuffer.wrap(bytes, frameStart, bytes.length - frameStart)
                            .slice());
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("Truncated event", e);
        }
    }

    private static SessionsEnded sessionsEnded(ByteBuffer buffer) {
        long user = buffer.getLong();
        int count = buffer.getInt();
        if (count < 0 || count > buffer.remaining() / (2 * Long.BYTES)) {
            throw new IllegalArgumentException("Bad session count " + count);
        }
        Set<UUID> sessions = new HashSet<>();
        for (int i = 0; i < count; i++) {
            sessions.add(new UUID(buffer.getLong(), buffer.getLong()));
        }
        return new SessionsEnded(user, sessions);
    }

    private static String rest(byte[] bytes, ByteBuffer buffer) {
        return new String(bytes, buffer.position(), bytes.length - buffer.position(), StandardCharsets.UTF_8);
    }
}
