package dev.parley.realtime.delivery;

import java.util.Set;
import java.util.UUID;

/**
 * What the realtime layer carries from a commit (or a typist, or a presence change) to sockets, on this
 * node and, through the broker, on every other. Each frame is the complete JSON text sent to the
 * sockets, encoded once per event. {@link EventCodec} turns events into the bytes between nodes.
 */
public sealed interface SocketEvent {

    /** The broker topic of the sockets this event is for. */
    String topic();

    /** A conversation's topic: its sockets and the user streams that follow it. */
    static String conversationTopic(long conversation) {
        return "conversation:" + conversation;
    }

    /** The topic every node follows for ended sessions. */
    String SESSIONS_TOPIC = "sessions-ended";

    /** A user's topic: that user's streams. */
    static String userTopic(long user) {
        return "user:" + user;
    }

    /** An event for the sockets of one conversation. */
    sealed interface ForConversation extends SocketEvent {
        long conversation();

        String frame();

        @Override
        default String topic() {
            return conversationTopic(conversation());
        }
    }

    /**
     * A new message ({@code {"type":"message"}}), for every socket of the conversation, the sender's
     * included (its acknowledgement); ordered by {@code seq}.
     *
     * @param leavingUser the user who is no longer a member once this message is passed on, or 0
     * @param committedAt epoch milliseconds of the commit, for the delivery latency
     */
    record NewMessage(long conversation, long seq, long leavingUser, long committedAt, String frame)
            implements ForConversation {}

    /**
     * An edit or delete ({@code message_updated} / {@code message_deleted}) for every socket of the
     * conversation; ordered by {@code revision}. A delete may change unread counts.
     */
    record Revision(long conversation, long revision, boolean deleted, long committedAt, String frame)
            implements ForConversation {}

    /**
     * A frame for the sockets of one conversation, outside its seq and revision orders: read receipts,
     * reactions, typing.
     *
     * @param exceptUser whose sockets are skipped (the reader, the typist), or 0
     * @param changesUnread whether unread counts may have changed (read receipts)
     */
    record Notice(long conversation, long exceptUser, boolean changesUnread, String frame) implements ForConversation {}

    /** A frame for every stream of one user (presence). */
    record ToUser(long user, String frame) implements SocketEvent {
        @Override
        public String topic() {
            return userTopic(user);
        }
    }

    /**
     * {@code user} is now a member of {@code conversation}: that user's streams start following it from
     * the message after {@code startSeq}.
     */
    record Joined(long user, long conversation, long startSeq) implements SocketEvent {
        @Override
        public String topic() {
            return userTopic(user);
        }
    }

    /**
     * Sessions of {@code user} ended (log-out, password change, deactivation): every node refuses their access
     * tokens and closes their sockets with 4401 {@code session_ended}.
     */
    record SessionsEnded(long user, Set<UUID> sessions) implements SocketEvent {

        public SessionsEnded {
            sessions = Set.copyOf(sessions);
        }

        @Override
        public String topic() {
            return SESSIONS_TOPIC;
        }
    }
}
