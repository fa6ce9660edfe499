package dev.parley.messaging;

import dev.parley.conversations.ConversationService;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emoji reactions (seed 003's future list): members add and remove an emoji on a message; views show
 * each emoji's count and whether it is the viewer's. Changes to one message are serialised on its row,
 * so the count in each {@link ReactionChanged} is exact.
 */
@Service
public class ReactionService {

    private static final int MAX_EMOJI_CODE_POINTS = 16;

    private final ReactionRepository reactions;
    private final MessageRepository messages;
    private final ConversationService conversations;
    private final ApplicationEventPublisher events;

    ReactionService(
            ReactionRepository reactions,
            MessageRepository messages,
            ConversationService conversations,
            ApplicationEventPublisher events) {
        this.reactions = reactions;
        this.messages = messages;
        this.conversations = conversations;
        this.events = events;
    }

    /**
     * Adds {@code emoji} by {@code userId}; adding it twice changes nothing.
     *
     * @return the emoji's count on the message afterwards
     * @throws ParleyException {@code invalid_request} for an emoji that is empty, has spaces or is longer
     *     than 16 code points, {@code not_found} (404), {@code not_a_participant} (403),
     *     {@code message_deleted} (409)
     */
    @Transactional
    public long add(long messageId, long userId, String emoji) {
        return change(messageId, userId, emoji, true);
    }

    /** Removes {@code emoji} by {@code userId}; removing an absent one changes nothing. */
    @Transactional
    public long remove(long messageId, long userId, String emoji) {
        return change(messageId, userId, emoji, false);
    }

    private long change(long messageId, long userId, String emoji, boolean add) {
        validate(emoji);
        MessageView message = messages.findById(messageId)
                .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "Message not found"));
        conversations.requireMember(message.conversation(), userId);
        if (reactions.lockMessage(messageId) && add) { // under the row lock: a delete drops the message's reactions
            throw new ParleyException(ErrorCode.MESSAGE_DELETED);
        }
        boolean changed = reactions.change(messageId, userId, emoji, add);
        long count = reactions.count(messageId, emoji);
        if (changed) {
            events.publishEvent(new ReactionChanged(message.conversation(), messageId, emoji, userId, add, count));
        }
        return count;
    }

    private static void validate(String emoji) {
        if (emoji == null
                || emoji.isEmpty()
                || emoji.codePointCount(0, emoji.length()) > MAX_EMOJI_CODE_POINTS
                || emoji.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "emoji: 1-16 characters, no spaces");
        }
    }
}
