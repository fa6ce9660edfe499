package dev.parley.realtime;

import dev.parley.conversations.Position;
import dev.parley.realtime.CatchUp.Counter;
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
 * user's conversations ({@code /ws/notifications/}). Each followed conversation has two
 * {@link Sequencer}s, so message frames reach the client once each in seq order, and edit and delete
 * frames once each in revision order, per conversation.
 * Writes go through the socket's {@link Outbox}. Also reassembles the client's fragmented frames up to
 * {@code parley.websocket.max-frame-bytes}.
 */
final class Connection {

    /** The sequencers of one followed conversation: messages by seq, edits and deletes by revision. */
    record Followed(Sequencer messages, Sequencer revisions) {

        /** Asks both for everything after their cursors. */
        void catchUp() {
            messages.catchUp();
            revisions.catchUp();
        }
    }

    private final WebSocketSession session;
    private final long userId;
    private final String username;
    private final Long fixedConversation;
    private final Outbox outbox;
    private final int maxFrameBytes;
    private final Map<Long, Followed> followed = new ConcurrentHashMap<>();
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
     * Starts following a conversation: the client is taken to have it up to {@code start} (its messages
     * up to that seq, its edits and deletes up to that revision) and is sent everything later.
     *
     * @return the conversation's sequencers (the existing ones if already followed)
     */
    Followed follow(long conversationId, Position start, CatchUp catchUp) {
        return followed.computeIfAbsent(
                conversationId,
                id -> new Followed(
                        new Sequencer(
                                start.seq(),
                                (frame, bytes, leavingUser) -> passOn(conversationId, frame, bytes, leavingUser),
                                catchUp.fillerFor(this, conversationId, Counter.SEQ)),
                        new Sequencer(
                                start.revision(),
                                (frame, bytes, leavingUser) -> send(frame, bytes),
                                catchUp.fillerFor(this, conversationId, Counter.REVISION))));
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

    /** The sequencers of a followed conversation, or null. */
    Followed followed(long conversationId) {
        return followed.get(conversationId);
    }

    /** The sequencer of one counter of a followed conversation, or null. */
    Sequencer sequencer(long conversationId, Counter counter) {
        Followed sequencers = followed.get(conversationId);
        if (sequencers == null) {
            return null;
        }
        return counter == Counter.SEQ ? sequencers.messages() : sequencers.revisions();
    }

    /**
     * Delivers a frame from the broker: message frames ({@code seq > 0}) and edit and delete frames
     * ({@code revision > 0}) through the conversation's {@link Sequencer}s, others straight away.
     */
    void deliver(Envelope envelope, int bytes) {
        if (envelope.seq() <= 0 && envelope.revision() <= 0) {
            send(envelope.frame(), bytes);
            return;
        }
        Followed sequencers = followed.get(envelope.conversation());
        if (sequencers == null) {
            return;
        }
        if (envelope.seq() > 0) {
            sequencers.messages().offer(envelope.seq(), envelope.frame(), bytes, envelope.leavingUser());
        } else {
            sequencers.revisions().offer(envelope.revision(), envelope.frame(), bytes);
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
