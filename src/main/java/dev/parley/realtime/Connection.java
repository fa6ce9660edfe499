package dev.parley.realtime;

import dev.parley.realtime.protocol.CloseCodes;
import dev.parley.realtime.protocol.FrameException;
import dev.parley.shared.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
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
    private volatile LongConsumer left = conversationId -> {};
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
                conversationId,
                id -> new Sequencer(
                        startSeq,
                        (frame, bytes, leavingUser) -> passOn(conversationId, frame, bytes, leavingUser),
                        catchUp.fillerFor(this, conversationId)));
    }

    void unfollow(long conversationId) {
        followed.remove(conversationId);
    }

    /** Sets what happens when this socket's user stops being a member of a conversation it follows. */
    void onLeft(LongConsumer left) {
        this.left = left;
    }

    /**
     * Sends a message frame the sequencer passed on; if it records this user leaving, the conversation
     * ends here for this socket: nothing later of it is sent.
     */
    private void passOn(long conversationId, String frame, int bytes, long leavingUser) {
        send(frame, bytes);
        if (leavingUser == userId) {
            unfollow(conversationId);
            if (fixedConversation != null) {
                outbox.finish(CloseCodes.FORBIDDEN);
            } else {
                left.accept(conversationId);
            }
        }
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
    void deliver(Envelope envelope, int bytes) {
        if (envelope.seq() <= 0) {
            send(envelope.frame(), bytes);
            return;
        }
        Sequencer sequencer = followed.get(envelope.conversation());
        if (sequencer != null) {
            sequencer.offer(envelope.seq(), envelope.frame(), bytes, envelope.leavingUser());
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
