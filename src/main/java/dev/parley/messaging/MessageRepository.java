package dev.parley.messaging;

import dev.parley.conversations.Position;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Messages table; every read answers {@link MessageView}s with {@code is_read} computed from cursors. */
@Repository
class MessageRepository {

    /** Columns of a {@link MessageView}, over {@code messages m LEFT JOIN users u ON u.id = m.sender_id}. */
    static final String VIEW_COLUMNS = """
            m.id, m.conversation_id, m.seq, m.sender_id, u.name AS sender_name, m.body, m.type,
            m.metadata::text AS metadata, m.client_id, m.created_at, m.edited_at, m.deleted, m.revision,
            EXISTS (SELECT 1 FROM conversation_members r
                    WHERE r.conversation_id = m.conversation_id AND r.user_id IS DISTINCT FROM m.sender_id
                      AND r.last_read_seq >= m.seq) AS is_read""";

    private static final String SELECT_VIEW =
            "SELECT " + VIEW_COLUMNS + " FROM messages m LEFT JOIN users u ON u.id = m.sender_id ";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<MessageView> rowMapper = this::view;

    MessageRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the message unless its client_id was already used by this sender here (then empty). */
    Optional<MessageView> insert(SendMessage send, long seq, String type) {
        String metadata =
                send.metadata() == null || send.metadata().isNull() ? null : json.writeValueAsString(send.metadata());
        return jdbc.sql(
                        "WITH m AS (INSERT INTO messages (conversation_id, seq, sender_id, body, type, metadata, client_id)"
                                + " VALUES (:cid, :seq, :sender, :body, :type, CAST(:metadata AS jsonb), :clientId)"
                                + " ON CONFLICT (conversation_id, sender_id, client_id) WHERE client_id IS NOT NULL DO NOTHING"
                                + " RETURNING *) SELECT m.*, u.name AS sender_name, false AS is_read"
                                + " FROM m LEFT JOIN users u ON u.id = m.sender_id")
                .param("cid", send.conversationId())
                .param("seq", seq)
                .param("sender", send.senderId())
                .param("body", send.body())
                .param("type", type)
                .param("metadata", metadata)
                .param("clientId", send.clientId())
                .query(rowMapper)
                .optional();
    }

    /** A message of a batch with its allocated seq. */
    record NewMessage(SendMessage send, String type, long seq) {}

    /**
     * Inserts a batch of messages in one statement. A {@code client_id} a sender already used in that
     * conversation skips its row, so fewer messages come back than went in; the caller then rolls back.
     * Each sender's name is looked up by primary key (a join let the planner scan all users per batch).
     *
     * @return the inserted messages, in no particular order
     */
    List<MessageView> insertAll(List<NewMessage> batch) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>(batch.size());
        for (NewMessage m : batch) {
            Map<String, Object> row = new HashMap<>();
            row.put("conversation_id", m.send().conversationId());
            row.put("seq", m.seq());
            row.put("sender_id", m.send().senderId());
            row.put("body", m.send().body());
            row.put("type", m.type());
            row.put(
                    "metadata",
                    m.send().metadata() == null || m.send().metadata().isNull()
                            ? null
                            : m.send().metadata());
            row.put("client_id", m.send().clientId());
            rows.add(row);
        }
        return jdbc.sql("""
                        WITH m AS (
                            INSERT INTO messages (conversation_id, seq, sender_id, body, type, metadata, client_id)
                            SELECT x.conversation_id, x.seq, x.sender_id, x.body, x.type, x.metadata, x.client_id
                            FROM jsonb_to_recordset(CAST(? AS jsonb)) AS x(conversation_id bigint, seq bigint,
                                 sender_id bigint, body text, type text, metadata jsonb, client_id text)
                            ORDER BY x.conversation_id, x.seq
                            ON CONFLICT (conversation_id, sender_id, client_id) WHERE client_id IS NOT NULL DO NOTHING
                            RETURNING *)
                        SELECT m.*, (SELECT u.name FROM users u WHERE u.id = m.sender_id) AS sender_name, false AS is_read
                        FROM m""")
                .param(json.writeValueAsString(rows))
                .query(rowMapper)
                .list();
    }

    /** Inserts a system message (no sender). */
    MessageView insertSystem(long conversationId, long seq, String type, String body, JsonNode metadata) {
        return jdbc.sql("WITH m AS (INSERT INTO messages (conversation_id, seq, body, type, metadata)"
                        + " VALUES (:cid, :seq, :body, :type, CAST(:metadata AS jsonb)) RETURNING *)"
                        + " SELECT m.*, NULL AS sender_name, false AS is_read FROM m")
                .param("cid", conversationId)
                .param("seq", seq)
                .param("body", body)
                .param("type", type)
                .param("metadata", metadata == null ? null : json.writeValueAsString(metadata))
                .query(rowMapper)
                .single();
    }

    Optional<MessageView> findById(long messageId) {
        return jdbc.sql(SELECT_VIEW + "WHERE m.id = ?")
                .param(messageId)
                .query(rowMapper)
                .optional();
    }

    /** The members other than the sender whose read cursor reached the message, with the time it did. */
    List<ReadBy> readers(MessageView message) {
        return jdbc.sql("""
                        SELECT r.user_id, u.name, MIN(r.read_at) AS read_at
                        FROM read_receipts r JOIN users u ON u.id = r.user_id
                        JOIN conversation_members m ON m.conversation_id = r.conversation_id AND m.user_id = r.user_id
                        WHERE r.conversation_id = :cid AND r.up_to_seq >= :seq AND r.user_id IS DISTINCT FROM :sender
                        GROUP BY r.user_id, u.name ORDER BY MIN(r.read_at), r.user_id""")
                .param("cid", message.conversation())
                .param("seq", message.seq())
                .param("sender", message.sender(), java.sql.Types.BIGINT)
                .query((rs, i) -> new ReadBy(
                        rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    Optional<MessageView> findByClientId(long conversationId, long senderId, String clientId) {
        return jdbc.sql(SELECT_VIEW + "WHERE m.conversation_id = ? AND m.sender_id = ? AND m.client_id = ?")
                .params(conversationId, senderId, clientId)
                .query(rowMapper)
                .optional();
    }

    /**
     * Edits ({@code body} given) or deletes ({@code body} null: body emptied, metadata dropped) the
     * message as revision {@code at}; a delete also drops its reactions and attachment links.
     *
     * @return the new state, or empty when the message is not {@code authorId}'s or is already deleted
     */
    Optional<MessageView> revise(long messageId, long authorId, String body, Position at) {
        boolean delete = body == null;
        Optional<MessageView> revised = jdbc.sql("WITH m AS (UPDATE messages SET"
                        + " body = :body, deleted = :delete, revision = :revision, revised_at_seq = :atSeq,"
                        + " edited_at = CASE WHEN :delete THEN edited_at ELSE now() END,"
                        + " metadata = CASE WHEN :delete THEN NULL ELSE metadata END"
                        + " WHERE id = :id AND sender_id = :author AND NOT deleted RETURNING *)"
                        + " SELECT " + VIEW_COLUMNS + " FROM m LEFT JOIN users u ON u.id = m.sender_id")
                .param("body", delete ? "" : body)
                .param("delete", delete)
                .param("revision", at.revision())
                .param("atSeq", at.seq())
                .param("id", messageId)
                .param("author", authorId)
                .query(rowMapper)
                .optional();
        if (delete && revised.isPresent()) {
            jdbc.sql("DELETE FROM reactions WHERE message_id = ?")
                    .param(messageId)
                    .update();
            jdbc.sql("DELETE FROM message_attachments WHERE message_id = ?")
                    .param(messageId)
                    .update();
        }
        return revised;
    }

    /** Up to {@code limit} messages whose latest revision is above {@code afterRevision}, by revision. */
    List<MessageView> revisedAfter(long conversationId, long afterRevision, int limit) {
        return jdbc.sql(SELECT_VIEW + "WHERE m.conversation_id = ? AND m.revision > ? ORDER BY m.revision LIMIT ?")
                .params(conversationId, afterRevision, limit)
                .query(rowMapper)
                .list();
    }

    /**
     * For each conversation id → seq: the revision after which come the edits and deletes made since that
     * seq was the newest message (the conversation's last revision when there are none). Unknown
     * conversations are left out.
     */
    Map<Long, Long> revisionsSince(Map<Long, Long> seqs) {
        Map<Long, Long> revisions = new HashMap<>();
        if (seqs.isEmpty()) {
            return revisions;
        }
        jdbc.sql("""
                        SELECT c.id, COALESCE(
                            (SELECT min(m.revision) - 1 FROM messages m
                             WHERE m.conversation_id = c.id AND m.revision > 0 AND m.revised_at_seq >= p.after_seq::bigint),
                            c.last_revision)
                        FROM jsonb_each_text(CAST(? AS jsonb)) AS p(cid, after_seq)
                        JOIN conversations c ON c.id = p.cid::bigint""").param(json.writeValueAsString(seqs)).query(rs -> {
            revisions.put(rs.getLong(1), rs.getLong(2));
        });
        return revisions;
    }

    /** Ids of messages not sent by {@code readerId} with {@code fromSeq < seq <= toSeq}, ascending. */
    List<Long> idsReadBy(long conversationId, long readerId, long fromSeq, long toSeq) {
        return jdbc.sql("""
                        SELECT id FROM messages WHERE conversation_id = ? AND seq > ? AND seq <= ?
                          AND sender_id IS DISTINCT FROM ? ORDER BY seq""")
                .params(conversationId, fromSeq, toSeq, readerId)
                .query(Long.class)
                .list();
    }

    /** The highest seq among {@code messageIds} in the conversation, 0 when none belongs to it. */
    long maxSeqOf(long conversationId, List<Long> messageIds) {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM messages WHERE conversation_id = :cid AND id IN (:ids)")
                .param("cid", conversationId)
                .param("ids", messageIds)
                .query(Long.class)
                .single();
    }

    MessageView view(ResultSet rs, int row) throws SQLException {
        return view(rs, rs.getBoolean("is_read"));
    }

    /** A {@link MessageView} from a row of {@link #VIEW_COLUMNS} but {@code is_read}, given instead. */
    MessageView view(ResultSet rs, boolean isRead) throws SQLException {
        long sender = rs.getLong("sender_id");
        Long senderId = rs.wasNull() ? null : sender;
        String metadata = rs.getString("metadata");
        JsonNode metadataNode = metadata == null ? null : json.readTree(metadata);
        Timestamp editedAt = rs.getTimestamp("edited_at");
        return new MessageView(
                rs.getLong("id"),
                rs.getLong("conversation_id"),
                rs.getLong("seq"),
                senderId,
                rs.getString("sender_name"),
                rs.getString("body"),
                rs.getString("type"),
                metadataNode,
                rs.getString("client_id"),
                rs.getTimestamp("created_at").toInstant(),
                editedAt == null ? null : editedAt.toInstant(),
                rs.getBoolean("deleted"),
                rs.getLong("revision"),
                isRead,
                List.of());
    }
}
