package dev.parley.messaging;

import dev.parley.accounts.AccountService;
import dev.parley.conversations.Member;
import dev.parley.conversations.UserSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The caller's conversation list and unread counts (seed 000 {@code GET /api/chats/conversations/},
 * {@code GET /api/chats/unread-count/}). Unread means: sent by someone else, after the caller's read
 * cursor, and not deleted. Each answer is one query, whatever the number of conversations.
 */
@Service
public class InboxService {

    private static final String LIST = """
            SELECT c.id, c.kind, c.title, c.last_seq, c.created_at, me.muted,
                   (me.archived_at_seq IS NOT NULL AND me.archived_at_seq >= c.last_seq) AS archived,
                   o.id AS other_id, o.name AS other_name, o.email AS other_email,
                   lm.body AS lm_body, lm.created_at AS lm_created_at, lm.sender_id AS lm_sender_id,
                   lm.is_read AS lm_is_read,
                   CASE WHEN c.kind = 'group' THEN (
                       SELECT json_agg(json_build_object('id', u.id, 'username', u.username, 'name', u.name, 'role', gm.role)
                                       ORDER BY gm.joined_at, u.id)
                       FROM conversation_members gm JOIN users u ON u.id = gm.user_id
                       WHERE gm.conversation_id = c.id) END AS members_json,
                   (SELECT count(*) FROM messages x
                    WHERE x.conversation_id = c.id AND x.seq > me.last_read_seq
                      AND x.sender_id IS DISTINCT FROM me.user_id AND NOT x.deleted) AS unread_count
            FROM conversation_members me
            JOIN conversations c ON c.id = me.conversation_id
            LEFT JOIN LATERAL (
                SELECT u.id, u.name, u.email FROM conversation_members om JOIN users u ON u.id = om.user_id
                WHERE om.conversation_id = c.id AND om.user_id <> me.user_id LIMIT 1) o ON c.kind = 'direct'
            LEFT JOIN LATERAL (
                SELECT m.body, m.created_at, m.sender_id,
                       EXISTS (SELECT 1 FROM conversation_members r
                               WHERE r.conversation_id = m.conversation_id
                                 AND r.user_id IS DISTINCT FROM m.sender_id AND r.last_read_seq >= m.seq) AS is_read
                FROM messages m WHERE m.conversation_id = c.id AND m.seq = c.last_seq) lm ON true
            WHERE me.user_id = ?
              AND (me.archived_at_seq IS NOT NULL AND me.archived_at_seq >= c.last_seq) = ?
            ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC""";

    private static final TypeReference<List<Member>> MEMBERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AccountService accounts;

    InboxService(JdbcClient jdbc, JsonMapper json, AccountService accounts) {
        this.jdbc = jdbc;
        this.json = json;
        this.accounts = accounts;
    }

    /**
     * The caller's conversations, most recent activity first: the archived ones when {@code archived},
     * the others otherwise. An archived conversation returns to the others when a message arrives. The other
     * user's email is shown only as {@link AccountService#seesEmails} allows.
     */
    public List<InboxView> list(long userId, boolean archived) {
        boolean seesEmails = accounts.seesEmails(userId);
        return jdbc.sql(LIST)
                .params(userId, archived)
                .query((rs, i) -> row(rs, seesEmails))
                .list();
    }

    /** Unread messages over all the caller's conversations. */
    public long unreadCount(long userId) {
        return jdbc.sql("""
                        SELECT count(*) FROM conversation_members me
                        JOIN messages x ON x.conversation_id = me.conversation_id AND x.seq > me.last_read_seq
                        WHERE me.user_id = ? AND x.sender_id IS DISTINCT FROM me.user_id AND NOT x.deleted""").param(userId).query(Long.class).single();
    }

    private InboxView row(ResultSet rs, boolean seesEmails) throws SQLException {
        long otherId = rs.getLong("other_id");
        UserSummary other = rs.wasNull()
                ? null
                : new UserSummary(otherId, rs.getString("other_name"), rs.getString("other_email")).shownTo(seesEmails);
        InboxView.LastMessage last = null;
        if (rs.getTimestamp("lm_created_at") != null) {
            long sender = rs.getLong("lm_sender_id");
            last = new InboxView.LastMessage(
                    rs.getString("lm_body"),
                    rs.getTimestamp("lm_created_at").toInstant(),
                    rs.wasNull() ? null : sender,
                    rs.getBoolean("lm_is_read"));
        }
        return new InboxView(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("title"),
                other,
                rs.getString("members_json") == null ? null : json.readValue(rs.getString("members_json"), MEMBERS),
                last,
                rs.getLong("unread_count"),
                rs.getLong("last_seq"),
                rs.getBoolean("archived"),
                rs.getBoolean("muted"),
                rs.getTimestamp("created_at").toInstant());
    }
}
