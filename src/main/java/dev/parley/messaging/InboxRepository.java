package dev.parley.messaging;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the conversation list reads of the {@code messages} table: last messages and unread counts, in batches. */
@Repository
class InboxRepository {

    /** A conversation's newest message as the list shows it. */
    record Last(long seq, String body, Instant createdAt, Long sender) {}

    private final JdbcClient jdbc;

    InboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The message at {@code seqs.get(conversation)} of each conversation (its newest), by conversation id. */
    Map<Long, Last> lastMessages(Map<Long, Long> seqs) {
        Map<Long, Last> found = new HashMap<>();
        if (seqs.isEmpty()) {
            return found;
        }
        long[][] pairs = arrays(seqs);
        jdbc.sql("""
                        SELECT m.conversation_id, m.seq, m.body, m.created_at, m.sender_id
                        FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[])) AS t(cid, seq)
                        JOIN messages m ON m.conversation_id = t.cid AND m.seq = t.seq""").params(pairs[0], pairs[1]).query(rs -> {
            long sender = rs.getLong(5);
            found.put(
                    rs.getLong(1),
                    new Last(
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getTimestamp(4).toInstant(),
                            rs.wasNull() ? null : sender));
        });
        return found;
    }

    /**
     * For each conversation id → the reader's read cursor there: the messages after the cursor that are not the
     * reader's and not deleted, by conversation id (seed 000's unread count).
     */
    Map<Long, Long> unreadCounts(long readerId, Map<Long, Long> cursors) {
        Map<Long, Long> counts = new HashMap<>();
        if (cursors.isEmpty()) {
            return counts;
        }
        long[][] pairs = arrays(cursors);
        jdbc.sql("""
                        SELECT t.cid, (SELECT count(*) FROM messages x
                                       WHERE x.conversation_id = t.cid AND x.seq > t.cursor
                                         AND x.sender_id IS DISTINCT FROM ? AND NOT x.deleted)
                        FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[])) AS t(cid, cursor)""").params(readerId, pairs[0], pairs[1]).query(rs -> {
            counts.put(rs.getLong(1), rs.getLong(2));
        });
        return counts;
    }

    /** The keys and the values of {@code map}, as two arrays in the same order. */
    private static long[][] arrays(Map<Long, Long> map) {
        long[] keys = new long[map.size()];
        long[] values = new long[map.size()];
        int i = 0;
        for (Map.Entry<Long, Long> entry : map.entrySet()) {
            keys[i] = entry.getKey();
            values[i++] = entry.getValue();
        }
        return new long[][] {keys, values};
    }
}
