package dev.parley.realtime.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.messaging.MessageView;
import dev.parley.shared.ParleyException;
import java.time.Instant;
import java.util.List;

/** Server → client frames (SPEC "WebSocket protocol"); each serialises with its {@code type} member. */
public sealed interface ServerFrame {

    /** {@code {"type":"message","message":{…}}}: a new message, also the sender's acknowledgement. */
    record Message(String type, MessageView message) implements ServerFrame {
        public Message(MessageView message) {
            this("message", message);
        }
    }

    /** The frame announcing a message's new state: {@link MessageDeleted} if it is deleted, else {@link MessageUpdated}. */
    static ServerFrame revised(MessageView message) {
        return message.deleted() ? new MessageDeleted(message) : new MessageUpdated(message);
    }

    /** {@code {"type":"message_updated","message":{…}}}: the message after an edit, with its {@code revision}. */
    record MessageUpdated(String type, MessageView message) implements ServerFrame {
        public MessageUpdated(MessageView message) {
            this("message_updated", message);
        }
    }

    /** {@code {"type":"message_deleted","message":{…}}}: the tombstone after a delete, with its {@code revision}. */
    record MessageDeleted(String type, MessageView message) implements ServerFrame {
        public MessageDeleted(MessageView message) {
            this("message_deleted", message);
        }
    }

    /** {@code {"type":"messages_read","conversation","reader","up_to_seq","message_ids"}}. */
    record MessagesRead(String type, long conversation, long reader, long upToSeq, List<Long> messageIds)
            implements ServerFrame {
        public MessagesRead(long conversation, long reader, long upToSeq, List<Long> messageIds) {
            this("messages_read", conversation, reader, upToSeq, messageIds);
        }
    }

    /**
     * Seed 000's {@code {"error": sentence}} plus {@code "type":"error"}, a stable {@code code}, the
     * {@code client_id} of the refused send when it had one, the {@code conversations} a refused
     * {@code resume} names, and {@code retry_after_ms} when waiting that long helps ({@code rate_limited}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, String code, String error, String clientId, List<Long> conversations, Long retryAfterMs)
            implements ServerFrame {
        public Error(String code, String error, String clientId) {
            this("error", code, error, clientId, null, null);
        }

        /** A refusal of a {@code resume}, naming the conversations it covers. */
        public static Error naming(String code, String error, List<Long> conversations) {
            return new Error("error", code, error, null, conversations, null);
        }

        /** A refusal with its code, sentence and retry delay, for the send with {@code clientId} (or null). */
        public static Error of(ParleyException refusal, String clientId) {
            return new Error(
                    "error",
                    refusal.errorCode().code(),
                    refusal.getMessage(),
                    clientId,
                    null,
                    refusal.retryAfterMillis());
        }
    }

    /**
     * {@code {"type":"authenticated","expires_at":…}}: the answer to an {@code auth} frame; the socket now
     * lives until {@code expires_at} (ISO-8601) unless another {@code auth} frame extends it.
     */
    record Authenticated(String type, Instant expiresAt) implements ServerFrame {
        public Authenticated(Instant expiresAt) {
            this("authenticated", expiresAt);
        }
    }

    /**
     * {@code {"type":"typing_indicator","conversation","user","username","is_typing"}}: never sent to the
     * typist's own sockets.
     */
    record Typing(String type, long conversation, long user, String username, boolean isTyping) implements ServerFrame {
        public Typing(long conversation, long user, String username, boolean isTyping) {
            this("typing_indicator", conversation, user, username, isTyping);
        }
    }

    /** {@code {"type":"unread_count","unread_count":n}} on the user stream: unread messages over all conversations. */
    record UnreadCount(String type, long unreadCount) implements ServerFrame {
        public UnreadCount(long unreadCount) {
            this("unread_count", unreadCount);
        }
    }

    /** {@code {"type":"presence","user","online"}} on the user stream, for people sharing a conversation. */
    record Presence(String type, long user, boolean online) implements ServerFrame {
        public Presence(long user, boolean online) {
            this("presence", user, online);
        }
    }

    /** {@code {"type":"reaction","conversation","message_id","emoji","user","added","count"}}. */
    record Reaction(String type, long conversation, long messageId, String emoji, long user, boolean added, long count)
            implements ServerFrame {
        public Reaction(long conversation, long messageId, String emoji, long user, boolean added, long count) {
            this("reaction", conversation, messageId, emoji, user, added, count);
        }
    }

    /** {@code {"type":"pong"}}. */
    record Pong(String type) implements ServerFrame {
        public Pong() {
            this("pong");
        }
    }
}
