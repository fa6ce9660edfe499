package dev.parley.messaging;

import dev.parley.accounts.UserDirectory;
import dev.parley.conversations.ConversationService;
import dev.parley.conversations.ReadCursors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one definition of a message as clients see it ({@link MessageView}) from the {@code messages} table: the
 * columns every query reads ({@link #COLUMNS}, over the alias {@code m}), the {@link Row} each becomes, and what
 * a view takes from other modules besides: its sender's name (accounts' {@link UserDirectory#names}, a batch
 * per list) and {@code is_read}, whether a member other than the sender has read it (conversations' {@link
 * ReadCursors}, one lookup per conversation).
 */
@Component
class MessageRows {

    /** The columns of a {@link Row}, over {@code messages m}. */
    static final String COLUMNS = """
            m.id, m.conversation_id, m.seq, m.sender_id, m.body, m.type, m.metadata::text AS metadata,
            m.client_id, m.created_at, m.edited_at, m.deleted, m.revision""";

    /** A message as stored, without what other modules tell of it. */
    record Row(
            long id,
            long conversation,
            long seq,
            Long sender,
            String body,
            String type,
            JsonNode metadata,
            String clientId,
            Instant createdAt,
            Instant editedAt,
            boolean deleted,
            long revision) {

        MessageView view(String senderName, boolean isRead) {
            return new MessageView(
                    id,
                    conversation,
                    seq,
                    sender,
                    senderName,
                    body,
                    type,
                    metadata,
                    clientId,
                    createdAt,
                    editedAt,
                    deleted,
                    revision,
                    isRead,
                    List.of());
        }
    }

    private final JsonMapper json;
    private final UserDirectory users;
    private final ConversationService conversations;
    private final RowMapper<Row> mapper = this::row;

    MessageRows(JsonMapper json, UserDirectory users, ConversationService conversations) {
        this.json = json;
        this.users = users;
        this.conversations = conversations;
    }

    /** Reads a {@link Row} from a result set of {@link #COLUMNS} (or {@code RETURNING *}). */
    RowMapper<Row> mapper() {
        return mapper;
    }

    /** Views of messages nobody else has read yet (just stored). */
    List<MessageView> unread(List<Row> rows) {
        Map<Long, String> names = namesOf(rows);
        return rows.stream().map(row -> row.view(nameOf(row, names), false)).toList();
    }

    /** Views of messages of one conversation, read as {@code cursors} say. */
    List<MessageView> views(List<Row> rows, ReadCursors cursors) {
        return views(rows, conversation -> cursors);
    }

    /** Views of messages of any conversations, read as each conversation's cursors say (looked up here). */
    List<MessageView> views(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, ReadCursors> cursors = conversations.readCursors(
                rows.stream().map(Row::conversation).distinct().toList());
        return views(rows, cursors::get);
    }

    private List<MessageView> views(List<Row> rows, Function<Long, ReadCursors> cursorsOf) {
        Map<Long, String> names = namesOf(rows);
        return rows.stream()
                .map(row -> {
                    ReadCursors cursors = cursorsOf.apply(row.conversation());
                    boolean read = cursors != null && cursors.readByOtherThan(row.sender(), row.seq());
                    return row.view(nameOf(row, names), read);
                })
                .toList();
    }

    private Map<Long, String> namesOf(Collection<Row> rows) {
        List<Long> senders = rows.stream()
                .map(Row::sender)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        return senders.isEmpty() ? Map.of() : users.names(senders);
    }

    private static String nameOf(Row row, Map<Long, String> names) {
        return row.sender() == null ? null : names.get(row.sender());
    }

    private Row row(ResultSet rs, int i) throws SQLException {
        long sender = rs.getLong("sender_id");
        Long senderId = rs.wasNull() ? null : sender;
        String metadata = rs.getString("metadata");
        Timestamp editedAt = rs.getTimestamp("edited_at");
        return new Row(
                rs.getLong("id"),
                rs.getLong("conversation_id"),
                rs.getLong("seq"),
                senderId,
                rs.getString("body"),
                rs.getString("type"),
                metadata == null ? null : json.readTree(metadata),
                rs.getString("client_id"),
                rs.getTimestamp("created_at").toInstant(),
                editedAt == null ? null : editedAt.toInstant(),
                rs.getBoolean("deleted"),
                rs.getLong("revision"));
    }
}
