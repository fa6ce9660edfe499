package dev.parley.realtime.protocol;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** A decoded client → server frame (SPEC "WebSocket protocol"). */
public sealed interface ClientFrame {

    /**
     * Seed 000's {@code {"message": …}} or seed 003's {@code {"type":"chat_message", …}}.
     *
     * @param conversation the target conversation when named, else null
     * @param body the {@code message} text, null when absent
     */
    record Send(Long conversation, String body, String messageType, JsonNode metadata, String clientId)
            implements ClientFrame {}

    /** {@code {"type":"read","up_to_seq":n}} or seed 003's {@code {"type":"mark_messages_read","message_ids":[…]}}. */
    record Read(Long conversation, Long upToSeq, List<Long> messageIds) implements ClientFrame {}

    /**
     * {@code {"type":"resume","after_seq":n}} (with {@code "conversation"} on the user stream), or a map
     * {@code {"type":"resume","after_seq":{"12":5,"13":0}}}: the client has every message up to those
     * seqs; send the rest, then continue live, with no gap and no duplicate. The optional
     * {@code after_revision} (a number, or a map beside a map) says up to which revision the client has
     * the edits and deletes; without it they are replayed from when that seq was the newest message. Both
     * forms decode to one {@link Target} per conversation.
     */
    record Resume(List<Target> targets) implements ClientFrame {

        /**
         * Where the client is in one conversation.
         *
         * @param conversation the conversation, null for the socket's own (a chat socket's, unnamed)
         * @param afterSeq the client has every message up to this seq (0: none)
         * @param afterRevision the client has every edit and delete up to this revision; null when not said
         */
        public record Target(Long conversation, long afterSeq, Long afterRevision) {}
    }

    /** {@code {"type":"typing_indicator","is_typing":true}} (seed 003). */
    record Typing(Long conversation, boolean isTyping) implements ClientFrame {}

    /**
     * {@code {"type":"auth","token":"<access token>"}}: extends the socket's life to the new token's expiry
     * (and moves it to the token's session); answered by {@code {"type":"authenticated","expires_at":…}}.
     *
     * @param token the access token, null when absent
     */
    record Auth(String token) implements ClientFrame {}

    /** {@code {"type":"ping"}}, answered by {@code {"type":"pong"}}. */
    record Ping() implements ClientFrame {}
}
