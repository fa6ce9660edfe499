package dev.parley.messaging;

import dev.parley.conversations.ConversationService;
import dev.parley.conversations.ReadCursors;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sending and reading messages; REST controllers and socket handlers both call it, so a message sent
 * over HTTP and one sent over a socket take one path (SPEC "REST API", "WebSocket protocol").
 */
@Service
public class MessageService {

    private static final int MAX_CLIENT_ID_CHARS = 64;

    /**
     * Outcome of a send.
     *
     * @param created false when {@code client_id} named an earlier message, which is answered instead
     */
    public record Sent(MessageView message, boolean created) {}

    /** A page of history, oldest first, with whether older and newer messages exist. */
    public record Page(List<MessageView> messages, boolean hasOlder, boolean hasNewer) {}

    private final MessageRepository messages;
    private final ConversationService conversations;
    private final MessagingProperties properties;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final SendBatcher batcher;
    private final HistoryRepository pages;

    MessageService(
            MessageRepository messages,
            ConversationService conversations,
            MessagingProperties properties,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            JsonMapper json,
            SendBatcher batcher,
            HistoryRepository pages) {
        this.messages = messages;
        this.conversations = conversations;
        this.properties = properties;
        this.transaction = transaction;
        this.events = events;
        this.json = json;
        this.batcher = batcher;
        this.pages = pages;
    }

    /**
     * Stores a message (membership check, next seq, insert; together with concurrent sends in one
     * transaction, see {@link SendBatcher}) and publishes {@link MessagePosted}; once this returns the
     * message is committed. A {@code client_id} the
     * sender already used in this conversation returns that message and stores nothing.
     *
     * <p>Users send {@code text} and the types {@code parley.messages.user-types} lists (SPEC "Security and
     * administration"); every other type belongs to services' system messages (seed 003's {@code payment}, which
     * clients show as trusted notices) and to Parley's own.
     *
     * @throws ParleyException {@code empty_body}, {@code invalid_request}, {@code reserved_type} (400), {@code
     *     body_too_long}, {@code metadata_too_large} (413), {@code conversation_not_found} (404), {@code
     *     not_a_participant} (403); nothing is stored then
     */
    public Sent send(SendMessage send) {
        MessageType type = validate(send);
        boolean usersMaySend = switch (type) {
            case MessageType.Text text -> true;
            case MessageType.GroupChange change -> false;
            case MessageType.Named named -> properties.userTypes().contains(named.wireName());
        };
        if (!usersMaySend) {
            throw new ParleyException(ErrorCode.RESERVED_TYPE);
        }
        if (send.clientId() != null) {
            Optional<MessageView> earlier =
                    messages.findByClientId(send.conversationId(), send.senderId(), send.clientId());
            if (earlier.isPresent()) {
                return new Sent(earlier.get(), false);
            }
        }
        return batcher.store(send, type.wireName());
    }

    /**
     * Posts a system message from another service (seed 003's payment, dispute and job-update messages,
     * generalised): no sender, stored and delivered like any message.
     *
     * @param type the kind of event, e.g. {@code "payment"}; not {@code "text"}
     * @throws ParleyException those of {@link #send} for body, type and metadata, {@code invalid_request}
     *     for {@code text} or no type, {@code reserved_type} for one of Parley's own (a group change), {@code
     *     conversation_not_found} (404)
     */
    public MessageView postSystem(long conversationId, String type, String body, JsonNode metadata) {
        if (type == null || type.equals(MessageType.TEXT.wireName())) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "type: name the event, e.g. \"payment\"");
        }
        if (MessageType.isReserved(type)) {
            throw new ParleyException(ErrorCode.RESERVED_TYPE);
        }
        String checkedType = validate(new SendMessage(conversationId, 0, body, type, metadata, null))
                .wireName();
        return transaction.execute(status -> {
            conversations.requireExists(conversationId);
            long seq = conversations.nextSystemSeq(conversationId);
            MessageView message = messages.insertSystem(
                    conversationId, seq, checkedType, body, metadata == null || metadata.isNull() ? null : metadata);
            events.publishEvent(new MessagePosted(message));
            return message;
        });
    }

    /**
     * A page of history by seq cursor: with {@code afterSeq} the oldest messages after it, otherwise the
     * newest before {@code beforeSeq} (or the newest of all); oldest first, at most
     * {@code parley.messages.max-page-size}.
     *
     * @throws ParleyException {@code conversation_not_found} (404), {@code not_a_participant} (403)
     */
    public Page history(long conversationId, long viewerId, Long beforeSeq, Long afterSeq, Integer limit) {
        ReadCursors cursors = conversations.requireMemberCursors(conversationId, viewerId);
        long lastSeq = cursors.lastSeq();
        int size = limit == null ? properties.pageSize() : Math.clamp(limit, 1, properties.maxPageSize());
        List<MessageView> page = afterSeq != null
                ? pages.page(conversationId, afterSeq, Long.MAX_VALUE, size, false, viewerId, cursors)
                : pages.page(
                        conversationId,
                        0,
                        beforeSeq == null ? Long.MAX_VALUE : beforeSeq,
                        size,
                        true,
                        viewerId,
                        cursors);
        long first = page.isEmpty()
                ? (afterSeq != null ? afterSeq + 1 : lastSeq + 1)
                : page.getFirst().seq();
        long last = page.isEmpty() ? first - 1 : page.getLast().seq();
        return new Page(page, first > 1, last < lastSeq);
    }

    /**
     * Edits the author's own message (seed 003, SPEC {@code PATCH /api/chats/messages/{id}/}): sets
     * {@code body} and {@code edited_at}, takes the conversation's next revision and publishes
     * {@link MessageRevised}, in one transaction.
     *
     * @throws ParleyException {@code empty_body} (400), {@code body_too_long} (413), {@code not_found}
     *     (404), {@code not_a_participant} or {@code not_the_author} (403), {@code message_deleted} (409)
     */
    public MessageView edit(long messageId, long userId, String body) {
        validateBody(body);
        return revise(messageId, userId, body);
    }

    /**
     * Deletes the author's own message (SPEC {@code DELETE /api/chats/messages/{id}/}): a tombstone
     * stays with {@code deleted: true}, the body emptied and metadata, reactions and attachment links
     * dropped; takes the next revision and publishes {@link MessageRevised}. Deleting it again answers
     * the tombstone and changes nothing.
     *
     * @throws ParleyException {@code not_found} (404), {@code not_a_participant} or {@code not_the_author}
     *     (403)
     */
    public MessageView delete(long messageId, long userId) {
        return revise(messageId, userId, null);
    }

    /** An edit ({@code body} given) or a delete ({@code body} null). */
    private MessageView revise(long messageId, long userId, String body) {
        MessageView current = messages.findById(messageId)
                .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "Message not found"));
        conversations.requireMember(current.conversation(), userId);
        if (current.sender() == null || current.sender() != userId) {
            throw new ParleyException(ErrorCode.NOT_THE_AUTHOR);
        }
        Optional<MessageView> revised = Optional.empty();
        if (!current.deleted()) {
            revised = transaction.execute(status -> {
                Optional<MessageView> changed =
                        messages.revise(messageId, userId, body, conversations.nextRevision(current.conversation()));
                if (changed.isEmpty()) {
                    status.setRollbackOnly(); // deleted meanwhile: give the revision back
                } else {
                    events.publishEvent(new MessageRevised(changed.get()));
                }
                return changed;
            });
        }
        if (revised.isPresent()) {
            return revised.get();
        }
        if (body != null) {
            throw new ParleyException(ErrorCode.MESSAGE_DELETED);
        }
        return messages.findById(messageId).orElseThrow();
    }

    /**
     * Up to {@code limit} messages of a conversation edited or deleted after revision {@code afterRevision},
     * in their current state, by revision (a socket's replay of edits and deletes).
     *
     * @throws ParleyException {@code conversation_not_found} (404), {@code not_a_participant} (403)
     */
    public List<MessageView> revisedAfter(long conversationId, long viewerId, long afterRevision, int limit) {
        conversations.requireMember(conversationId, viewerId);
        return messages.revisedAfter(conversationId, afterRevision, Math.clamp(limit, 1, properties.maxPageSize()));
    }

    /**
     * For a client that has each conversation up to a seq (conversation id → seq), the revision to replay
     * edits and deletes after: those made since that message was the newest. Unknown conversations are
     * left out; membership is not checked.
     */
    public Map<Long, Long> revisionsSince(Map<Long, Long> seqs) {
        return messages.revisionsSince(seqs);
    }

    /** The newest page of a conversation, oldest first (the seed 000 detail view). */
    public List<MessageView> latest(long conversationId, long viewerId) {
        return history(conversationId, viewerId, null, null, null).messages();
    }

    /** Checks a send's body, type, metadata and client_id; answers its type. */
    private MessageType validate(SendMessage send) {
        validateBody(send.body());
        MessageType type = MessageType.parse(send.type());
        if (send.metadata() != null && !send.metadata().isNull()) {
            if (!send.metadata().isObject()) {
                throw new ParleyException(ErrorCode.INVALID_REQUEST, "metadata must be a JSON object");
            }
            int bytes = json.writeValueAsString(send.metadata()).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > properties.maxMetadataBytes()) {
                throw new ParleyException(
                        ErrorCode.METADATA_TOO_LARGE,
                        "metadata is larger than " + properties.maxMetadataBytes() + " bytes");
            }
        }
        if (send.clientId() != null
                && (send.clientId().isEmpty() || send.clientId().length() > MAX_CLIENT_ID_CHARS)) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "client_id: 1-64 characters");
        }
        return type;
    }

    private void validateBody(String body) {
        if (body == null || body.strip().isEmpty()) {
            throw new ParleyException(ErrorCode.EMPTY_BODY);
        }
        if (body.length() > properties.maxBodyChars()
                && body.codePointCount(0, body.length()) > properties.maxBodyChars()) {
            throw new ParleyException(
                    ErrorCode.BODY_TOO_LONG,
                    "Message body is longer than " + properties.maxBodyChars() + " characters");
        }
    }
}
