package dev.parley.conversations;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The per-conversation {@code seq} and {@code revision} counters on the conversations table: each
 * advance locks the conversation's row until the caller's transaction ends, so numbers are handed out
 * 1, 2, 3 … in commit order and a rollback gives them back.
 */
@Repository
class CounterRepository {

    private final JdbcClient jdbc;

    CounterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Increments the counter if {@code userId} is a member; locks the conversation row until commit. */
    OptionalLong nextSeq(long conversationId, long userId) {
        return jdbc.sql("""
                        UPDATE conversations SET last_seq = last_seq + 1, last_message_at = now()
                        WHERE id = :cid AND EXISTS (
                            SELECT 1 FROM conversation_members WHERE conversation_id = :cid AND user_id = :uid)
                        RETURNING last_seq""")
                .param("cid", conversationId)
                .param("uid", userId)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /**
     * Locks the rows of {@code conversationIds} (in id order, so concurrent batches cannot deadlock) and
     * answers which of {@code userIds} are members of which, as conversation id → member ids. Ids travel as
     * arrays, so each statement's text, and its server-side prepared plan, is the same for any batch.
     */
    Map<Long, java.util.Set<Long>> lockAndFindMembers(
            java.util.Collection<Long> conversationIds, java.util.Collection<Long> userIds) {
        long[] ids = conversationIds.stream().mapToLong(Long::longValue).toArray();
        jdbc.sql("SELECT id FROM conversations WHERE id = ANY(?) ORDER BY id FOR UPDATE")
                .param(ids)
                .query(Long.class)
                .list();
        Map<Long, java.util.Set<Long>> members = new HashMap<>();
        jdbc.sql("SELECT conversation_id, user_id FROM conversation_members"
                        + " WHERE conversation_id = ANY(?) AND user_id = ANY(?)")
                .param(ids)
                .param(userIds.stream().mapToLong(Long::longValue).toArray())
                .query(rs -> {
                    members.computeIfAbsent(rs.getLong(1), id -> new java.util.HashSet<>())
                            .add(rs.getLong(2));
                });
        return members;
    }

    /**
     * Advances each conversation's counter by its count; answers conversation id → its new last seq. The
     * rows are found through the primary key ({@code id = ANY}), not by joining the counts to a scan of
     * the whole table.
     */
    Map<Long, Long> advanceSeqs(Map<Long, Integer> counts) {
        long[] ids = new long[counts.size()];
        int[] n = new int[counts.size()];
        int i = 0;
        for (Map.Entry<Long, Integer> count : counts.entrySet()) {
            ids[i] = count.getKey();
            n[i++] = count.getValue();
        }
        Map<Long, Long> last = new HashMap<>();
        jdbc.sql("""
                        UPDATE conversations c SET last_seq = c.last_seq + v.n, last_message_at = now()
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:n AS int[])) AS v(id, n)
                        WHERE c.id = ANY(:ids) AND c.id = v.id
                        RETURNING c.id, c.last_seq""").param("ids", ids).param("n", n).query(rs -> {
            last.put(rs.getLong(1), rs.getLong(2));
        });
        return last;
    }

    /** Increments the counter for a system message (no sender); locks the row until commit. */
    long nextSystemSeq(long conversationId) {
        return jdbc.sql(
                        "UPDATE conversations SET last_seq = last_seq + 1, last_message_at = now() WHERE id = ? RETURNING last_seq")
                .param(conversationId)
                .query(Long.class)
                .single();
    }

    /**
     * Increments the revision counter for an edit or delete; locks the row until commit.
     *
     * @return the new revision and the conversation's last seq, empty for an unknown conversation
     */
    Optional<Position> nextRevision(long conversationId) {
        return jdbc.sql("""
                        UPDATE conversations SET last_revision = last_revision + 1 WHERE id = ?
                        RETURNING last_seq, last_revision""")
                .param(conversationId)
                .query((rs, i) -> new Position(rs.getLong(1), rs.getLong(2)))
                .optional();
    }
}
