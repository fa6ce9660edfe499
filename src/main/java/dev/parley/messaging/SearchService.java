package dev.parley.messaging;

import dev.parley.conversations.ConversationService;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Full-text search over the caller's own conversations (SPEC {@code GET /api/chats/search/}): PostgreSQL
 * text search ({@code websearch_to_tsquery}, so quotes, {@code or} and {@code -word} work), best match
 * first. Never returns a message of a conversation the caller is not a member of; deleted messages are
 * not found.
 */
@Service
public class SearchService {

    private static final int MAX_LIMIT = 50;
    private static final int MAX_QUERY_CHARS = 200;

    /** A page of hits, best first; {@code hasMore} when another page follows. */
    public record Hits(List<MessageView> messages, boolean hasMore) {}

    private final MessageRepository messages;
    private final ConversationService conversations;

    SearchService(MessageRepository messages, ConversationService conversations) {
        this.messages = messages;
        this.conversations = conversations;
    }

    /**
     * @param conversationId limits the search to one conversation, or null for all of the caller's
     * @param limit hits per page, 1-50 (default 20)
     * @throws ParleyException {@code invalid_request} for an empty or over-long query (200 characters),
     *     {@code not_a_participant} / {@code conversation_not_found} for a conversation filter
     */
    public Hits search(long userId, String query, Long conversationId, Integer limit, int offset) {
        if (query == null || query.isBlank() || query.length() > MAX_QUERY_CHARS) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "q: 1-200 characters");
        }
        if (conversationId != null) {
            conversations.requireMember(conversationId, userId);
        }
        int size = limit == null ? 20 : Math.clamp(limit, 1, MAX_LIMIT);
        java.util.Collection<Long> within = conversationId != null
                ? List.of(conversationId)
                : conversations.positionsOf(userId).keySet();
        List<MessageView> found =
                within.isEmpty() ? List.of() : messages.search(within, query, size + 1, Math.max(0, offset));
        boolean hasMore = found.size() > size;
        return new Hits(hasMore ? found.subList(0, size) : found, hasMore);
    }
}
