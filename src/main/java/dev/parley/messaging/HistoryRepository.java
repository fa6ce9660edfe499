package dev.parley.messaging;

import dev.parley.conversations.ReadCursors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** History pages (SPEC {@code GET …/messages/}): messages by seq with reactions and {@code is_read}. */
@Repository
class HistoryRepository {

    /** A history page's select (a message's columns, plus whether it has reactions), up to its ORDER BY direction. */
    private static final String PAGE = "SELECT " + MessageRows.COLUMNS + """
            , EXISTS (SELECT 1 FROM reactions r WHERE r.message_id = m.id) AS reacted
            FROM messages m
            WHERE m.conversation_id = ? AND m.seq > ? AND m.seq < ?
            ORDER BY m.seq""";

    private final JdbcClient jdbc;
    private final MessageRows rows;

    HistoryRepository(JdbcClient jdbc, MessageRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /**
     * A history page: up to {@code limit} messages with {@code afterSeq < seq < beforeSeq}, the newest of
     * them ({@code newest}) or the oldest, returned oldest first, with {@code is_read} from {@code cursors}
     * and reactions as {@code viewerId} sees them. The reactions take a second query only when a message on
     * the page has any (an aggregate per message in the page query cost more than the rest of it).
     */
    List<MessageView> page(
            long conversationId,
            long afterSeq,
            long beforeSeq,
            int limit,
            boolean newest,
            long viewerId,
            ReadCursors cursors) {
        List<Long> reacted = new java.util.ArrayList<>();
        List<MessageView> page = rows.views(
                jdbc.sql(PAGE + (newest ? " DESC" : " ASC") + " LIMIT ?")
                        .params(conversationId, afterSeq, beforeSeq, limit)
                        .query((rs, i) -> {
                            MessageRows.Row row = rows.mapper().mapRow(rs, i);
                            if (rs.getBoolean("reacted")) {
                                reacted.add(row.id());
                            }
                            return row;
                        })
                        .list(),
                cursors);
        if (!reacted.isEmpty()) {
            Map<Long, List<Reaction>> reactions = reactionsOf(reacted, viewerId);
            page = page.stream()
                    .map(m -> reactions.containsKey(m.id()) ? m.withReactions(reactions.get(m.id())) : m)
                    .toList();
        }
        return newest ? page.reversed() : page;
    }

    /** The reactions on {@code messageIds}, by message id, as {@code viewerId} sees them (first used first). */
    private Map<Long, List<Reaction>> reactionsOf(List<Long> messageIds, long viewerId) {
        Map<Long, List<Reaction>> byMessage = new HashMap<>();
        jdbc.sql("""
                        SELECT message_id, emoji, count(*) AS count, bool_or(user_id = ?) AS mine
                        FROM reactions WHERE message_id = ANY(?)
                        GROUP BY message_id, emoji ORDER BY message_id, min(created_at), emoji""")
                .params(viewerId, messageIds.stream().mapToLong(Long::longValue).toArray())
                .query(rs -> {
                    byMessage
                            .computeIfAbsent(rs.getLong(1), id -> new java.util.ArrayList<>())
                            .add(new Reaction(rs.getString(2), rs.getLong(3), rs.getBoolean(4)));
                });
        return byMessage;
    }
}
