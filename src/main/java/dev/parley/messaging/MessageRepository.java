package dev.parley.messaging;

import dev.parley.conversations.ConversationService;
import dev.parley.conversations.Position;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code messages} table. Reads answer {@link MessageView}s as {@link MessageRows} makes them (the sender's
 * name and {@code is_read} from the modules that own them).
 */
@Repository
class MessageRepository {

    private static final String SELECT = "SELECT " + MessageRows.COLUMNS + " FROM messages m ";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final MessageRows rows;
    private final ConversationService conversations;

    MessageRepository(JdbcClient jdbc, JsonMapper json, MessageRows rows, ConversationService conversations) {
        this.jdbc = jdbc;
        this.json = json;
        this.rows = rows;
        this.conversations = conversations;
    }

    /** Inserts the message unless its client_id was already used by this sender here (then empty). */
    Optional<MessageView> insert(SendMessage send, long seq, String type) {
        String metadata =
                send.metadata() == null || send.metadata().isNull() ? null : json.writeValueAsString(send.metadata());
        return jdbc.sql(
                        "WITH m AS (INSERT INTO messages (conversation_id, seq, sender_id, body, type, metadata, client_id)"
                                + " VALUES (:cid, :seq, :sender, :body, :type, CAST(:metadata AS jsonb), :clientId)"
                                + " ON CONFLICT (conversation_id, sender_id, client_id) WHERE client_id IS NOT NULL DO NOTHING"
                                + " RETURNING *) SELECT " + MessageRows.COLUMNS + " FROM m")
                .param("cid", send.conversationId())
                .param("seq", seq)
                .param("sender", send.senderId())
                .param("body", send.body())
                .param("type", type)
                .param("metadata", metadata)
                .param("clientId", send.clientId())
                .query(rows.mapper())
                .optional()
                .map(row -> rows.unread(List.of(row)).getFirst());
    }

    /** A message of a batch with its allocated seq. */
    record NewMessage(SendMessage send, String type, long seq) {}

    /**
     * Inserts a batch of messages in one statement. A {@code client_id} a sender already used in that
     * conversation skips its row, so fewer messages come back than went in; the caller then rolls back.
     *
     * @return the inserted messages, in no particular order
     */
    List<MessageView> insertAll(List<NewMessage> batch) {
        List<Map<String, Object>> values = new java.util.ArrayList<>(batch.size());
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
            values.add(row);
        }
        return rows.unread(jdbc.sql("""
                        WITH m AS (
                            INSERT INTO messages (conversation_id, seq, sender_id, body, type, metadata, client_id)
                            SELECT x.conversation_id, x.seq, x.sender_id, x.body, x.type, x.metadata, x.client_id
                            FROM jsonb_to_recordset(CAST(? AS jsonb)) AS x(conversation_id bigint, seq bigint,
                                 sender_id bigint, body text, type text, metadata jsonb, client_id text)
                            ORDER BY x.conversation_id, x.seq
                            ON CONFLICT (conversation_id, sender_id, client_id) WHERE client_id IS NOT NULL DO NOTHING
                            RETURNING *)
                        SELECT\s""" + MessageRows.COLUMNS + " FROM m")
                .param(json.writeValueAsString(values))
                .query(rows.mapper())
                .list());
    }

    /** Inserts a system message (no sender). */
    MessageView insertSystem(long conversationId, long seq, String type, String body, JsonNode metadata) {
        return rows.unread(jdbc.sql("WITH m AS (INSERT INTO messages (conversation_id, seq, body, type, metadata)"
                                + " VALUES (:cid, :seq, :body, :type, CAST(:metadata AS jsonb)) RETURNING *)"
                                + " SELECT " + MessageRows.COLUMNS + " FROM m")
                        .param("cid", conversationId)
                        .param("seq", seq)
                        .param("body", body)
                        .param("type", type)
                        .param("metadata", metadata == null ? null : json.writeValueAsString(metadata))
                        .query(rows.mapper())
                        .list())
                .getFirst();
    }

    Optional<MessageView> findById(long messageId) {
        return first(jdbc.sql(SELECT + "WHERE m.id = ?")
                .param(messageId)
                .query(rows.mapper())
                .list());
    }

    Optional<MessageView> findByClientId(long conversationId, long senderId, String clientId) {
        return first(jdbc.sql(SELECT + "WHERE m.conversation_id = ? AND m.sender_id = ? AND m.client_id = ?")
                .params(conversationId, senderId, clientId)
                .query(rows.mapper())
                .list());
    }

    /**
     * Edits ({@code body} given) or deletes ({@code body} null: body emptied, metadata dropped) the
     * message as revision {@code at}; a delete also drops its reactions and attachment links.
     *
     * @return the new state, or empty when the message is not {@code authorId}'s or is already deleted
     */
    Optional<MessageView> revise(long messageId, long authorId, String body, Position at) {
        boolean delete = body == null;
        Optional<MessageView> revised = first(jdbc.sql("WITH m AS (UPDATE messages SET"
                        + " body = :body, deleted = :delete, revision = :revision, revised_at_seq = :atSeq,"
                        + " edited_at = CASE WHEN :delete THEN edited_at ELSE now() END,"
                        + " metadata = CASE WHEN :delete THEN NULL ELSE metadata END"
                        + " WHERE id = :id AND sender_id = :author AND NOT deleted RETURNING *)"
                        + " SELECT " + MessageRows.COLUMNS + " FROM m")
                .param("body", delete ? "" : body)
                .param("delete", delete)
                .param("revision", at.revision())
                .param("atSeq", at.seq())
                .param("id", messageId)
                .param("author", authorId)
                .query(rows.mapper())
                .list());
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
        return rows.views(
                jdbc.sql(SELECT + "WHERE m.conversation_id = ? AND m.revision > ? ORDER BY m.revision LIMIT ?")
                        .params(conversationId, afterRevision, limit)
                        .query(rows.mapper())
                        .list());
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
        Map<Long, Position> positions = conversations.positions(seqs.keySet());
        jdbc.sql("""
                        SELECT p.cid::bigint,
                               (SELECT min(m.revision) - 1 FROM messages m
                                WHERE m.conversation_id = p.cid::bigint AND m.revision > 0
                                  AND m.revised_at_seq >= p.after_seq::bigint)
                        FROM jsonb_each_text(CAST(? AS jsonb)) AS p(cid, after_seq)""").param(json.writeValueAsString(seqs)).query(rs -> {
            long conversation = rs.getLong(1);
            long firstRevised = rs.getLong(2);
            boolean none = rs.wasNull();
            Position position = positions.get(conversation);
            if (position != null) {
                revisions.put(conversation, none ? position.revision() : firstRevised);
            }
        });
        return revisions;
    }

    /**
     * Full-text search (PostgreSQL's {@code simple} configuration, {@code websearch_to_tsquery} syntax) over the
     * messages of {@code conversationIds} that are not deleted, best match first, then newest.
     */
    List<MessageView> search(java.util.Collection<Long> conversationIds, String query, int limit, int offset) {
        return rows.views(jdbc.sql(SELECT + """
                        , websearch_to_tsquery('simple', :q) query
                        WHERE m.conversation_id = ANY(:ids) AND to_tsvector('simple', m.body) @@ query AND NOT m.deleted
                        ORDER BY ts_rank(to_tsvector('simple', m.body), query) DESC, m.id DESC
                        LIMIT :limit OFFSET :offset""")
                .param(
                        "ids",
                        conversationIds.stream().mapToLong(Long::longValue).toArray())
                .param("q", query)
                .param("limit", limit)
                .param("offset", offset)
                .query(rows.mapper())
                .list());
    }

    /** Merges the search index's pending list; answers how many of its pages were merged (0 when it was empty). */
    long mergeSearchIndex() {
        return jdbc.sql("SELECT gin_clean_pending_list('messages_search_idx'::regclass)")
                .query(Long.class)
                .single();
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

    /** The view of the first row, with is_read from its conversation's cursors; empty for none. */
    private Optional<MessageView> first(List<MessageRows.Row> found) {
        return found.isEmpty()
                ? Optional.empty()
                : Optional.of(rows.views(found.subList(0, 1)).getFirst());
    }
}
