package dev.parley.realtime.delivery;

import dev.parley.conversations.Position;
import dev.parley.realtime.RealtimeProperties;
import dev.parley.realtime.delivery.CatchUp.Counter;
import dev.parley.realtime.delivery.SocketEvent.ForConversation;
import dev.parley.realtime.delivery.SocketEvent.NewMessage;
import dev.parley.realtime.delivery.SocketEvent.Notice;
import dev.parley.realtime.delivery.SocketEvent.Revision;
import dev.parley.realtime.protocol.CloseCodes;
import dev.parley.realtime.protocol.FrameException;
import dev.parley.shared.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.springframework.web.socket.CloseStatus;

/**
 * One open socket of one user, following one conversation ({@code /ws/chat/{id}/}) or all of the user's
 * conversations ({@code /ws/notifications/}): the socket's one door. Every frame the socket is sent
 * passes through here. Message frames and edit and delete frames go through the followed
 * conversation's two {@link Sequencer}s, whatever brought them (live, broker, catch-up, resume, the
 * answer to a repeated {@code client_id}), so the client gets each seq and each revision once, in order,
 * per conversation; other frames go straight to the {@link Outbox}, which writes everything in the order
 * it was queued. Nothing else writes to the socket. Also holds the client's frames to
 * {@code parley.websocket.max-frame-bytes}.
 */
public final class Connection {

    /** The sequencers of one followed conversation: messages by seq, edits and deletes by revision. */
    public record Followed(Sequencer messages, Sequencer revisions) {

        /** Asks both for everything after their cursors. */
        public void catchUp() {
            messages.catchUp();
            revisions.catchUp();
        }
    }

    private final SocketTransport transport;
    private final long userId;
    private final String username;
    private final Long fixedConversation;
    private final Outbox outbox;
    private final DeliveryMetrics metrics;
    private final int maxFrameBytes;
    private final Map<Long, Followed> followed = new ConcurrentHashMap<>();
    private volatile LongConsumer left = conversationId -> {};

    /** @param fixedConversation the conversation of a {@code /ws/chat/{id}/} socket, null for the user stream */
    public Connection(
            SocketTransport transport,
            long userId,
            String username,
            Long fixedConversation,
            RealtimeProperties properties,
            RealtimeThreads threads,
            DeliveryMetrics metrics) {
        this.transport = transport;
        this.userId = userId;
        this.username = username;
        this.fixedConversation = fixedConversation;
        this.metrics = metrics;
        this.outbox = new Outbox(transport, properties, threads.writers(), metrics);
        this.maxFrameBytes = properties.maxFrameBytes();
    }

    public long userId() {
        return userId;
    }

    public String username() {
        return username;
    }

    /** The conversation of a {@code /ws/chat/{id}/} socket, null for the user stream. */
    public Long fixedConversation() {
        return fixedConversation;
    }

    public String id() {
        return transport.id();
    }

    /**
     * Starts following a conversation: the client is taken to have it up to {@code start} (its messages
     * up to that seq, its edits and deletes up to that revision) and is sent everything later.
     *
     * @return the conversation's sequencers (the existing ones if already followed)
     */
    public Followed follow(long conversationId, Position start, CatchUp catchUp) {
        return followed.computeIfAbsent(
                conversationId,
                id -> new Followed(
                        new Sequencer(
                                start.seq(),
                                frame -> passOn(conversationId, frame),
                                catchUp.fillerFor(this, conversationId, Counter.SEQ),
                                metrics),
                        new Sequencer(
                                start.revision(),
                                this::send,
                                catchUp.fillerFor(this, conversationId, Counter.REVISION),
                                metrics)));
    }

    void unfollow(long conversationId) {
        followed.remove(conversationId);
    }

    /** Sets what happens when this socket's user stops being a member of a conversation it follows. */
    public void onLeft(LongConsumer left) {
        this.left = left;
    }

    /**
     * Sends a message frame the sequencer passed on; if it records this user leaving, the conversation
     * ends here for this socket: nothing later of it is sent.
     */
    private void passOn(long conversationId, Outgoing frame) {
        send(frame);
        if (frame.leavingUser() == userId) {
            unfollow(conversationId);
            if (fixedConversation() != null) {
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
    public Followed followed(long conversationId) {
        return followed.get(conversationId);
    }

    /** The sequencer of one counter of a followed conversation, or null. */
    Sequencer sequencer(long conversationId, Counter counter) {
        Followed sequencers = followed.get(conversationId);
        if (sequencers == null) {
            return null;
        }
        return counter.of(sequencers);
    }

    /**
     * Delivers a conversation event: message frames and edit and delete frames through the
     * conversation's {@link Sequencer}s, others straight away unless they skip this socket's user.
     *
     * @param frame the event's frame, made once for all sockets of the room ({@link Outgoing#of(SocketEvent.ForConversation, java.nio.ByteBuffer)})
     * @return whether the event was handed to this socket (not skipped)
     */
    boolean deliver(ForConversation event, Outgoing frame) {
        Followed sequencers = followed.get(event.conversation());
        if (sequencers == null) {
            return false;
        }
        switch (event) {
            case NewMessage message -> sequencers.messages().offer(message.seq(), frame);
            case Revision revision -> sequencers.revisions().offer(revision.revision(), frame);
            case Notice notice -> {
                if (notice.exceptUser() == userId) {
                    return false;
                }
                send(frame);
            }
        }
        return true;
    }

    /**
     * Hands the message a repeated {@code client_id} named to the conversation's message door, as the
     * sender's acknowledgement (see {@link Sequencer#answer}).
     *
     * @return what became of it; {@link Sequencer.Answer#OUT_OF_ORDER} also when the conversation is not
     *     followed
     */
    public Sequencer.Answer answer(long conversationId, long seq, String frame) {
        Followed sequencers = followed.get(conversationId);
        if (sequencers == null) {
            return Sequencer.Answer.OUT_OF_ORDER;
        }
        return sequencers.messages().answer(seq, Outgoing.of(frame));
    }

    /** Queues one text frame that is not a message, edit or delete (errors, pong, presence, counts). */
    public void send(String frame) {
        send(Outgoing.of(frame));
    }

    /** Queues one frame; never blocks (see {@link Outbox}). */
    void send(Outgoing frame) {
        outbox.send(frame);
    }

    /** Closes the socket with {@code status}, after the frame being written; never blocks. */
    public void close(CloseStatus status) {
        outbox.close(status);
    }

    /**
     * Checks the size of one whole frame from the client.
     *
     * @return {@code frame}
     * @throws FrameException {@code frame_too_large} when its UTF-8 encoding is longer than
     *     {@code parley.websocket.max-frame-bytes}
     */
    public String checkSize(String frame) {
        // a char is at most 3 UTF-8 bytes (a surrogate pair's two chars take 4), so most frames need no counting
        boolean tooLarge = frame.length() > maxFrameBytes
                || (frame.length() * 3L > maxFrameBytes
                        && frame.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes);
        if (tooLarge) {
            throw new FrameException(
                    ErrorCode.FRAME_TOO_LARGE, "Frames are limited to " + maxFrameBytes + " bytes", null);
        }
        return frame;
    }

    /** Sends a ping (the heartbeat), unless the socket is closing. */
    public void ping() {
        outbox.ping();
    }
}
