package dev.parley.realtime;

import dev.parley.realtime.protocol.FrameException;
import dev.parley.shared.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open socket of one user, following one conversation ({@code /ws/chat/{id}/}) or all of the
 * user's conversations ({@code /ws/notifications/}). Each followed conversation has its own
 * {@link Sequencer}, so message frames reach the client once each, in seq order per conversation.
 * Writes go through the socket's {@link Outbox}. Also reassembles the client's fragmented frames up to
 * {@code parley.websocket.max-frame-bytes}.
 */
final class Connection {

    private final WebSocketSession session;
    private final long userId;
    private final String username;
    private final Long fixedConversation;
    private final Outbox outbox;
    private final int maxFrameBytes;
    private final Map<Long, Sequencer> followed = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private long partialBytes;
    private boolean partialTooLarge;

    /** @param fixedConversation the conversation of a {@code /ws/chat/{id}/} socket, null for the user stream */
    Connection(
            WebSocketSession session,
            long userId,
            String username,
            Long fixedConversation,
            RealtimeProperties properties) {
        this.session = session;
        this.userId = userId;
        this.username = username;
        this.fixedConversation = fixedConversation;
        this.outbox = new Outbox(session, properties);
        this.maxFrameBytes = properties.maxFrameBytes();
    }

    long userId() {
        return userId;
    }

    String username() {
        return username;
    }

    /** The conversation of a {@code /ws/chat/{id}/} socket, null for the user stream. */
    Long fixedConversation() {
        return fixedConversation;
    }

    String id() {
        return session.getId();
    }

    /**
     * Starts following a conversation: the client is taken to have its messages up to {@code startSeq}
     * and is sent every later one.
     *
     * @return the conversation's sequencer (the existing one if already followed)
     */
    Sequencer follow(long conversationId, long startSeq, CatchUp catchUp) {
        return followed.computeIfAbsent(
                conversationId, id -> new Sequencer(startSeq, this::send, catchUp.fillerFor(this, conversationId)));
    }

    void unfollow(long conversationId) {
        followed.remove(conversationId);
    }

    /** The followed conversations. */
    Set<Long> conversations() {
        return followed.keySet();
    }

    /** The sequencer of a followed conversation, or null. */
    Sequencer sequencer(long conversationId) {
        return followed.get(conversationId);
    }

    /**
     * Delivers a frame from the broker: message frames ({@code seq > 0}) through the conversation's
     * {@link Sequencer}, others straight away.
     */
    void deliver(long conversationId, long seq, String frame, int bytes) {
        if (seq <= 0) {
            send(frame, bytes);
            return;
        }
        Sequencer sequencer = followed.get(conversationId);
        if (sequencer != null) {
            sequencer.offer(seq, frame, bytes);
        }
    }

    /** Queues one text frame. */
    void send(String frame) {
        send(frame, frame.getBytes(StandardCharsets.UTF_8).length);
    }

    /** Queues one text frame of {@code bytes} UTF-8 bytes; never blocks (see {@link Outbox}). */
    void send(String frame, int bytes) {
        outbox.send(frame, bytes);
    }

    /** Closes the socket with {@code status}, after the frame being written; never blocks. */
    void close(CloseStatus status) {
        outbox.close(status);
    }

    /**
     * Adds a fragment of the client's current frame.
     *
     * @return the whole frame when {@code last}, null before
     * @throws FrameException {@code frame_too_large} when the completed frame exceeded the limit; its
     *     text was discarded as it arrived
     */
    String append(String fragment, boolean last) {
        if (!partialTooLarge) {
            partialBytes += fragment.isEmpty() ? 0 : fragment.getBytes(StandardCharsets.UTF_8).length;
            if (partialBytes > maxFrameBytes) {
                partialTooLarge = true;
                partial.setLength(0);
            } else {
                partial.append(fragment);
            }
        }
        if (!last) {
            return null;
        }
        boolean tooLarge = partialTooLarge;
        String frame = partial.toString();
        partial.setLength(0);
        partial.trimToSize();
        partialBytes = 0;
        partialTooLarge = false;
        if (tooLarge) {
            throw new FrameException(
                    ErrorCode.FRAME_TOO_LARGE, "Frames are limited to " + maxFrameBytes + " bytes", null);
        }
        return frame;
    }
}
