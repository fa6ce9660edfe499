package dev.parley.conversations;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The conversations and their members (the read cursors on the member rows: {@link ReadCursorRepository}). */
@Repository
class ConversationRepository {

    private static final RowMapper<Conversation> CONVERSATION = (rs, i) -> new Conversation(
            rs.getLong("id"),
            ConversationKind.of(rs.getString("kind")),
            rs.getString("title"),
            rs.getLong("last_seq"),
            rs.getLong("last_revision"),
            rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Conversation> find(long id) {
        return jdbc.sql("SELECT id, kind, title, last_seq, last_revision, created_at FROM conversations WHERE id = ?")
                .param(id)
                .query(CONVERSATION)
                .optional();
    }

    Optional<Conversation> findDirect(String directKey) {
        return jdbc.sql(
                        "SELECT id, kind, title, last_seq, last_revision, created_at FROM conversations WHERE direct_key = ?")
                .param(directKey)
                .query(CONVERSATION)
                .optional();
    }

    /** Creates the direct conversation for {@code directKey}, or empty if a concurrent call just did. */
    Optional<Conversation> insertDirect(String directKey) {
        return jdbc.sql("""
                        INSERT INTO conversations (kind, direct_key) VALUES (?, ?)
                        ON CONFLICT (direct_key) DO NOTHING
                        RETURNING id, kind, title, last_seq, last_revision, created_at""")
                .params(ConversationKind.DIRECT.wireName(), directKey)
                .query(CONVERSATION)
                .optional();
    }

    Conversation insertGroup(String title) {
        return jdbc.sql("""
                        INSERT INTO conversations (kind, title) VALUES (?, ?)
                        RETURNING id, kind, title, last_seq, last_revision, created_at""")
                .params(ConversationKind.GROUP.wireName(), title)
                .query(CONVERSATION)
                .single();
    }

    /** Adds a member unless already one; answers whether it was added. */
    boolean addMember(long conversationId, long userId, MemberRole role) {
        return jdbc.sql("""
                        INSERT INTO conversation_members (conversation_id, user_id, role, joined_after_seq)
                        SELECT id, ?, ?, last_seq FROM conversations WHERE id = ?
                        ON CONFLICT DO NOTHING""").params(userId, role.wireName(), conversationId).update() == 1;
    }

    boolean deleteMember(long conversationId, long userId) {
        return jdbc.sql("DELETE FROM conversation_members WHERE conversation_id = ? AND user_id = ?")
                        .params(conversationId, userId)
                        .update()
                == 1;
    }

    Optional<MemberRole> role(long conversationId, long userId) {
        return jdbc.sql("SELECT role FROM conversation_members WHERE conversation_id = ? AND user_id = ?")
                .params(conversationId, userId)
                .query(String.class)
                .optional()
                .map(MemberRole::of);
    }

    /** When a group with members has no admin left, its longest-standing member becomes one. */
    void ensureAdmin(long conversationId) {
        jdbc.sql("""
                        UPDATE conversation_members SET role = :adminRole
                        WHERE conversation_id = :cid
                          AND NOT EXISTS (SELECT 1 FROM conversation_members WHERE conversation_id = :cid AND role = :adminRole)
                          AND user_id = (SELECT user_id FROM conversation_members WHERE conversation_id = :cid
                                         ORDER BY joined_at, user_id LIMIT 1)""")
                .param("cid", conversationId)
                .param("adminRole", MemberRole.ADMIN.wireName())
                .update();
    }

    /** Archives (at the newest seq) or unarchives, and/or (un)mutes, for one member; false if not a member. */
    boolean updateSettings(long conversationId, long userId, Boolean archived, Boolean muted) {
        return jdbc.sql("""
                        UPDATE conversation_members m SET
                            archived_at_seq = CASE WHEN :archived IS NULL THEN m.archived_at_seq
                                                   WHEN :archived THEN c.last_seq ELSE NULL END,
                            muted = COALESCE(:muted, m.muted)
                        FROM conversations c
                        WHERE c.id = m.conversation_id AND m.conversation_id = :cid AND m.user_id = :uid""")
                        .param("archived", archived, java.sql.Types.BOOLEAN)
                        .param("muted", muted, java.sql.Types.BOOLEAN)
                        .param("cid", conversationId)
                        .param("uid", userId)
                        .update()
                == 1;
    }

    void updateTitle(long conversationId, String title) {
        jdbc.sql("UPDATE conversations SET title = ? WHERE id = ?")
                .params(title, conversationId)
                .update();
    }

    /** Locks the conversation row until the end of the transaction (membership changes of one group in turn). */
    void lock(long conversationId) {
        jdbc.sql("SELECT id FROM conversations WHERE id = ? FOR UPDATE")
                .param(conversationId)
                .query(Long.class)
                .list();
    }

    /** The members of a conversation with their roles, in joining order. */
    List<Membership.Member> members(long conversationId) {
        return jdbc.sql("""
                        SELECT user_id, role FROM conversation_members
                        WHERE conversation_id = ? ORDER BY joined_at, user_id""")
                .param(conversationId)
                .query((rs, i) -> new Membership.Member(rs.getLong(1), MemberRole.of(rs.getString(2))))
                .list();
    }

    /** For each of {@code conversationIds} that {@code userId} is a member of: the seq its membership began after. */
    Map<Long, Long> joinedAfterSeqs(long userId, Collection<Long> conversationIds) {
        Map<Long, Long> seqs = new HashMap<>();
        jdbc.sql("""
                        SELECT conversation_id, joined_after_seq FROM conversation_members
                        WHERE user_id = ? AND conversation_id = ANY(?)""")
                .params(
                        userId,
                        conversationIds.stream().mapToLong(Long::longValue).toArray())
                .query(rs -> {
                    seqs.put(rs.getLong(1), rs.getLong(2));
                });
        return seqs;
    }

    /** The conversation and whether {@code userId} is one of its members, in one query. */
    Optional<Seen<Conversation>> findAsMember(long conversationId, long userId) {
        return jdbc.sql("""
                        SELECT id, kind, title, last_seq, last_revision, created_at,
                               EXISTS (SELECT 1 FROM conversation_members WHERE conversation_id = c.id AND user_id = ?) AS is_member
                        FROM conversations c WHERE id = ?""")
                .params(userId, conversationId)
                .query((rs, i) -> new Seen<>(CONVERSATION.mapRow(rs, i), rs.getBoolean("is_member")))
                .optional();
    }

    /**
     * {@code userId}'s conversations, the archived ones when {@code archived} (archived with nothing newer since)
     * or the others, most recent activity first: with their settings, the other member of a direct
     * conversation, a group's members (in joining order) and the two furthest read cursors.
     */
    List<Membership> memberships(long userId, boolean archived) {
        return jdbc.sql("""
                        SELECT c.id, c.kind, c.title, c.last_seq, c.last_revision, c.created_at,
                               me.muted, me.last_read_seq,
                               (me.archived_at_seq IS NOT NULL AND me.archived_at_seq >= c.last_seq) AS archived,
                               CASE WHEN c.kind = :directKind THEN (
                                   SELECT om.user_id FROM conversation_members om
                                   WHERE om.conversation_id = c.id AND om.user_id <> me.user_id LIMIT 1) END AS other_id,
                               CASE WHEN c.kind = :groupKind THEN (
                                   SELECT array_agg(gm.user_id ORDER BY gm.joined_at, gm.user_id)
                                   FROM conversation_members gm WHERE gm.conversation_id = c.id) END AS member_ids,
                               CASE WHEN c.kind = :groupKind THEN (
                                   SELECT array_agg(gm.role ORDER BY gm.joined_at, gm.user_id)
                                   FROM conversation_members gm WHERE gm.conversation_id = c.id) END AS member_roles,
                               top.users, top.seqs
                        FROM conversation_members me
                        JOIN conversations c ON c.id = me.conversation_id
                        CROSS JOIN LATERAL (
                            SELECT array_agg(t.user_id ORDER BY t.last_read_seq DESC, t.user_id) AS users,
                                   array_agg(t.last_read_seq ORDER BY t.last_read_seq DESC, t.user_id) AS seqs
                            FROM (SELECT user_id, last_read_seq FROM conversation_members WHERE conversation_id = c.id
                                  ORDER BY last_read_seq DESC, user_id LIMIT 2) t) top
                        WHERE me.user_id = :uid
                          AND (me.archived_at_seq IS NOT NULL AND me.archived_at_seq >= c.last_seq) = :archived
                        ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC""")
                .param("uid", userId)
                .param("archived", archived)
                .param("directKind", ConversationKind.DIRECT.wireName())
                .param("groupKind", ConversationKind.GROUP.wireName())
                .query((rs, i) -> {
                    long other = rs.getLong("other_id");
                    Long otherUser = rs.wasNull() ? null : other;
                    Long[] ids = ReadCursorRepository.longs(rs.getArray("member_ids"));
                    String[] roles = rs.getArray("member_roles") == null
                            ? new String[0]
                            : (String[]) rs.getArray("member_roles").getArray();
                    List<Membership.Member> members = new java.util.ArrayList<>(ids.length);
                    for (int m = 0; m < ids.length; m++) {
                        members.add(new Membership.Member(ids[m], MemberRole.of(roles[m])));
                    }
                    return new Membership(
                            CONVERSATION.mapRow(rs, i),
                            rs.getLong("last_read_seq"),
                            rs.getBoolean("archived"),
                            rs.getBoolean("muted"),
                            otherUser,
                            members,
                            ReadCursorRepository.cursors(rs));
                })
                .list();
    }

    /** conversation id → last seq and revision of each of {@code conversationIds} that exists. */
    Map<Long, Position> positions(Collection<Long> conversationIds) {
        Map<Long, Position> positions = new HashMap<>();
        jdbc.sql("SELECT id, last_seq, last_revision FROM conversations WHERE id = ANY(?)")
                .param(conversationIds.stream().mapToLong(Long::longValue).toArray())
                .query(rs -> {
                    positions.put(rs.getLong(1), new Position(rs.getLong(2), rs.getLong(3)));
                });
        return positions;
    }

    /** conversation id → last seq and revision of every conversation {@code userId} is a member of. */
    Map<Long, Position> positionsOf(long userId) {
        Map<Long, Position> positions = new HashMap<>();
        jdbc.sql("""
                        SELECT c.id, c.last_seq, c.last_revision
                        FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
                        WHERE m.user_id = ?""").param(userId).query(rs -> {
            positions.put(rs.getLong(1), new Position(rs.getLong(2), rs.getLong(3)));
        });
        return positions;
    }

    /** Everyone who shares a conversation with {@code userId}, without them. */
    List<Long> contactsOf(long userId) {
        return jdbc.sql("""
                        SELECT DISTINCT other.user_id FROM conversation_members mine
                        JOIN conversation_members other ON other.conversation_id = mine.conversation_id
                        WHERE mine.user_id = :uid AND other.user_id <> :uid""").param("uid", userId).query(Long.class).list();
    }

    /** Whether {@code userId} is a member of at least one of {@code conversationIds}. */
    boolean isMemberOfAny(Collection<Long> conversationIds, long userId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM conversation_members
                                       WHERE conversation_id = ANY(?) AND user_id = ?)""")
                .params(conversationIds.stream().mapToLong(Long::longValue).toArray(), userId)
                .query(Boolean.class)
                .single();
    }

    List<Long> memberIds(long conversationId) {
        return jdbc.sql("SELECT user_id FROM conversation_members WHERE conversation_id = ? ORDER BY user_id")
                .param(conversationId)
                .query(Long.class)
                .list();
    }
}
