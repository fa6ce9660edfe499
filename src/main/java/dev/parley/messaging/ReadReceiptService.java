package dev.parley.messaging;

import dev.parley.conversations.ConversationService;
import dev.parley.conversations.ReadAdvance;
import dev.parley.conversations.ReadBy;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read receipts (seed 000 mark-read on connect, seed 003 {@code mark_messages_read}, SPEC
 * {@code POST .../read/}): moves the reader's cursor forward and publishes {@link MessagesRead}.
 */
@Service
public class ReadReceiptService {

    private final ConversationService conversations;
    private final MessageRepository messages;
    private final ApplicationEventPublisher events;

    ReadReceiptService(
            ConversationService conversations, MessageRepository messages, ApplicationEventPublisher events) {
        this.conversations = conversations;
        this.messages = messages;
        this.events = events;
    }

    /**
     * Marks every message up to {@code upToSeq} (capped at the newest) read by {@code readerId}; never
     * moves backwards. Publishes {@link MessagesRead} when the cursor moved.
     *
     * @return the advance, or empty when nothing new was read
     * @throws ParleyException {@code conversation_not_found} (404), {@code not_a_participant} (403)
     */
    @Transactional
    public Optional<MessagesRead> markRead(long conversationId, long readerId, long upToSeq) {
        if (upToSeq < 0) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "up_to_seq is a seq, 0 or more");
        }
        conversations.requireMember(conversationId, readerId);
        return advance(conversationId, readerId, upToSeq);
    }

    private Optional<MessagesRead> advance(long conversationId, long readerId, long upToSeq) {
        Optional<ReadAdvance> advance = conversations.advanceReadCursor(conversationId, readerId, upToSeq);
        Optional<MessagesRead> read = advance.map(a -> new MessagesRead(
                conversationId,
                readerId,
                a.toSeq(),
                messages.idsReadBy(conversationId, readerId, a.fromSeq(), a.toSeq())));
        read.ifPresent(events::publishEvent);
        return read;
    }

    /**
     * Marks read up to the newest of {@code messageIds} that belongs to the conversation.
     *
     * @throws ParleyException {@code invalid_request} (400) for an empty list, {@code invalid_id} (400)
     *     for an id below 1, {@code not_found} (404) when none of them is a message of the conversation,
     *     and those of {@link #markRead(long, long, long)}
     */
    @Transactional
    public Optional<MessagesRead> markRead(long conversationId, long readerId, List<Long> messageIds) {
        if (messageIds.isEmpty()) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "message_ids must not be empty");
        }
        if (messageIds.stream().anyMatch(id -> id == null || id < 1)) {
            throw new ParleyException(ErrorCode.INVALID_ID, "message_ids are message ids, positive integers");
        }
        conversations.requireMember(conversationId, readerId);
        long upToSeq = messages.maxSeqOf(conversationId, messageIds);
        if (upToSeq == 0) {
            throw new ParleyException(ErrorCode.NOT_FOUND, "None of message_ids is a message of this conversation");
        }
        return advance(conversationId, readerId, upToSeq);
    }

    /**
     * Who (other than its sender) has read message {@code messageId}, and when, first reader first.
     *
     * @throws ParleyException {@code not_found} (404) for an unknown message, {@code not_a_participant}
     *     (403) when the viewer is not a member of its conversation
     */
    public List<ReadBy> readers(long messageId, long viewerId) {
        MessageView message = messages.findById(messageId)
                .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "Message not found"));
        conversations.requireMember(message.conversation(), viewerId);
        return conversations.readers(message.conversation(), message.seq(), message.sender());
    }

    /** Marks everything read, as on connecting a conversation socket (seed 000). */
    @Transactional
    public Optional<MessagesRead> markAllRead(long conversationId, long readerId) {
        return markRead(conversationId, readerId, Long.MAX_VALUE);
    }
}
