package dev.parley.realtime.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.parley.messaging.MessageView;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.time.Instant;
import java.util.List;

/**
 * Server → client frames (SPEC "WebSocket protocol"). Each serialises with its {@code type} member first, the
 * name its {@link JsonTypeName} gives (through Jackson's type id), then its components.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public sealed interface ServerFrame {

    /** {@code {"type":"message","message":{…}}}: a new message, also the sender's acknowledgement. */
    @JsonTypeName("message")
    record Message(MessageView message) implements ServerFrame {}

    /** The frame announcing a message's new state: {@link MessageDeleted} if it is deleted, else {@link MessageUpdated}. */
    static ServerFrame revised(MessageView message) {
        return message.deleted() ? new MessageDeleted(message) : new MessageUpdated(message);
    }

    /** {@code {"type":"message_updated","message":{…}}}: the message after an edit, with its {@code revision}. */
    @JsonTypeName("message_updated")
    record MessageUpdated(MessageView message) implements ServerFrame {}

    /** {@code {"type":"message_deleted","message":{…}}}: the tombstone after a delete, with its {@code revision}. */
    @JsonTypeName("message_deleted")
    record MessageDeleted(MessageView message) implements ServerFrame {}

    /** {@code {"type":"messages_read","conversation","reader","up_to_seq","message_ids"}}. */
    @JsonTypeName("messages_read")
    record MessagesRead(long conversation, long reader, long upToSeq, List<Long> messageIds) implements ServerFrame {}

    /**
     * Seed 000's {@code {"error": sentence}} plus {@code "type":"error"}, a stable {@code code} (the {@link
     * ErrorCode}, written as its wire code), the {@code client_id} of the refused send when it had one, the {@code conversations}
     * a refused {@code resume} names, and {@code retry_after_ms} when waiting that long helps ({@code
     * rate_limited}, {@code service_unavailable}).
     */
    @JsonTypeName("error")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(ErrorCode code, String error, String clientId, List<Long> conversations, Long retryAfterMs)
            implements ServerFrame {

        /** A refusal with its code's own sentence. */
        public Error(ErrorCode code, String error, String clientId) {
            this(code, error, clientId, null, null);
        }

        /** A refusal of a {@code resume}, naming the conversations it covers. */
        public static Error naming(ErrorCode code, List<Long> conversations) {
            return new Error(
                    code, code.message() + " (conversations " + conversations + ")", null, conversations, null);
        }

        /** A refusal with its code, sentence and retry delay, for the send with {@code clientId} (or null). */
        public static Error of(ParleyException refusal, String clientId) {
            return new Error(refusal.errorCode(), refusal.getMessage(), clientId, null, refusal.retryAfterMillis());
        }
    }

    /**
     * {@code {"type":"authenticated","expires_at":…}}: the answer to an {@code auth} frame; the socket now
     * lives until {@code expires_at} (ISO-8601) unless another {@code auth} frame extends it.
     */
    @JsonTypeName("authenticated")
    record Authenticated(Instant expiresAt) implements ServerFrame {}

    /**
     * {@code {"type":"typing_indicator","conversation","user","username","is_typing"}}: never sent to the
     * typist's own sockets.
     */
    @JsonTypeName("typing_indicator")
    record Typing(long conversation, long user, String username, boolean isTyping) implements ServerFrame {}

    /** {@code {"type":"unread_count","unread_count":n}} on the user stream: unread messages over all conversations. */
    @JsonTypeName("unread_count")
    record UnreadCount(long unreadCount) implements ServerFrame {}

    /** {@code {"type":"presence","user","online"}} on the user stream, for people sharing a conversation. */
    @JsonTypeName("presence")
    record Presence(long user, boolean online) implements ServerFrame {}

    /** {@code {"type":"reaction","conversation","message_id","emoji","user","added","count"}}. */
    @JsonTypeName("reaction")
    record Reaction(long conversation, long messageId, String emoji, long user, boolean added, long count)
            implements ServerFrame {}

    /** {@code {"type":"pong"}}. */
    @JsonTypeName("pong")
    record Pong() implements ServerFrame {}
}
