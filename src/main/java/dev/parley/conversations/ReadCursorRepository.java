package dev.parley.conversations;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The members' read cursors ({@code conversation_members.last_read_seq}) and when each advance happened
 * ({@code read_receipts}): moving a cursor, the two furthest cursors of a conversation (what {@code is_read}
 * needs), and who has read a message.
 */
@Repository
class ReadCursorRepository {

    private final JdbcClient jdbc;

    ReadCursorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A read cursor's move, from the seq it was at to the seq it is at now. */
    record CursorMove(long from, long to) {}

    /**
     * The read cursors of a conversation and whether {@code userId} is a member, in one query; empty for an
     * unknown conversation. Only the two furthest cursors are read (a top-2 of the members' rows).
     */
    Optional<Seen<ReadCursors>> readCursors(long conversationId, long userId) {
        return jdbc.sql("""
                        SELECT c.last_seq,
                               EXISTS (SELECT 1 FROM conversation_members WHERE conversation_id = c.id AND user_id = ?) AS is_member,
                               top.users, top.seqs
                        FROM conversations c CROSS JOIN LATERAL (
                            SELECT array_agg(t.user_id ORDER BY t.last_read_seq DESC, t.user_id) AS users,
                                   array_agg(t.last_read_seq ORDER BY t.last_read_seq DESC, t.user_id) AS seqs
                            FROM (SELECT user_id, last_read_seq FROM conversation_members WHERE conversation_id = c.id
                                  ORDER BY last_read_seq DESC, user_id LIMIT 2) t) top
                        WHERE c.id = ?""")
                .params(userId, conversationId)
                .query((rs, i) -> new Seen<>(cursors(rs), rs.getBoolean("is_member")))
                .optional();
    }

    /** The read cursors of each of {@code conversationIds} that exists, as {@link #readCursors} reads them. */
    Map<Long, ReadCursors> readCursors(Collection<Long> conversationIds) {
        Map<Long, ReadCursors> found = new HashMap<>();
        jdbc.sql("""
                        SELECT c.id, c.last_seq, top.users, top.seqs
                        FROM conversations c CROSS JOIN LATERAL (
                            SELECT array_agg(t.user_id ORDER BY t.last_read_seq DESC, t.user_id) AS users,
                                   array_agg(t.last_read_seq ORDER BY t.last_read_seq DESC, t.user_id) AS seqs
                            FROM (SELECT user_id, last_read_seq FROM conversation_members WHERE conversation_id = c.id
                                  ORDER BY last_read_seq DESC, user_id LIMIT 2) t) top
                        WHERE c.id = ANY(?)""")
                .param(conversationIds.stream().mapToLong(Long::longValue).toArray())
                .query(rs -> {
                    found.put(rs.getLong("id"), cursors(rs));
                });
        return found;
    }

    static ReadCursors cursors(java.sql.ResultSet rs) throws java.sql.SQLException {
        Long[] users = longs(rs.getArray("users"));
        Long[] seqs = longs(rs.getArray("seqs"));
        return new ReadCursors(
                rs.getLong("last_seq"),
                users.length > 0 ? users[0] : -1,
                seqs.length > 0 ? seqs[0] : 0,
                users.length > 1 ? users[1] : -1,
                seqs.length > 1 ? seqs[1] : 0);
    }

    /**
     * The members other than {@code exceptUser} whose read cursor reached {@code seq}, with the time it first
     * did (from {@code read_receipts}), earliest first.
     */
    List<Map.Entry<Long, java.time.Instant>> readers(long conversationId, long seq, Long exceptUser) {
        return jdbc.sql("""
                        SELECT r.user_id, MIN(r.read_at) AS read_at
                        FROM read_receipts r
                        JOIN conversation_members m ON m.conversation_id = r.conversation_id AND m.user_id = r.user_id
                        WHERE r.conversation_id = :cid AND r.up_to_seq >= :seq AND r.user_id IS DISTINCT FROM :except
                        GROUP BY r.user_id ORDER BY MIN(r.read_at), r.user_id""")
                .param("cid", conversationId)
                .param("seq", seq)
                .param("except", exceptUser, java.sql.Types.BIGINT)
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .list();
    }

    /** {@code userId}'s read cursor in each of their conversations (conversation id → last read seq). */
    Map<Long, Long> readSeqsOf(long userId) {
        Map<Long, Long> seqs = new HashMap<>();
        jdbc.sql("SELECT conversation_id, last_read_seq FROM conversation_members WHERE user_id = ?")
                .param(userId)
                .query(rs -> {
                    seqs.put(rs.getLong(1), rs.getLong(2));
                });
        return seqs;
    }

    /** A bigint[] column's values; none for SQL NULL (array_agg over no rows). */
    static Long[] longs(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? new Long[0] : (Long[]) array.getArray();
    }

    /**
     * Moves the cursor to min(upToSeq, last_seq) if that is forward; answers the old and new cursor.
     * The member row is locked first, and only when the cursor would move, so concurrent calls see each
     * other's result (PostgreSQL checks the condition again on the locked row) while a call with nothing to
     * mark writes nothing (connecting a socket marks everything read: no commit to flush per handshake);
     * the advance is recorded with its time in {@code read_receipts}.
     */
    Optional<CursorMove> advanceCursor(long conversationId, long userId, long upToSeq) {
        return jdbc.sql("""
                        WITH cur AS (
                            SELECT m.last_read_seq AS old_seq, LEAST(:upTo, c.last_seq) AS new_seq
                            FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
                            WHERE m.conversation_id = :cid AND m.user_id = :uid
                              AND m.last_read_seq < LEAST(:upTo, c.last_seq)
                            FOR UPDATE OF m)
                        , moved AS (
                            UPDATE conversation_members m SET last_read_seq = cur.new_seq
                            FROM cur
                            WHERE m.conversation_id = :cid AND m.user_id = :uid AND cur.new_seq > cur.old_seq
                            RETURNING cur.old_seq, cur.new_seq)
                        , receipt AS (
                            INSERT INTO read_receipts (conversation_id, user_id, up_to_seq)
                            SELECT :cid, :uid, new_seq FROM moved ON CONFLICT DO NOTHING)
                        SELECT old_seq, new_seq FROM moved""")
                .param("cid", conversationId)
                .param("uid", userId)
                .param("upTo", upToSeq)
                .query((rs, i) -> new CursorMove(rs.getLong(1), rs.getLong(2)))
                .optional();
    }
}
