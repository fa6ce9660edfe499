package dev.parley.conversations;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conversations and members tables. */
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

    /**
     * What a query read about a conversation, with whether the asking user is one of its members.
     *
     * @param found the conversation, or what was read of it
     * @param member whether the user is a member
     */
    record Seen<T>(T found, boolean member) {}

    /** A read cursor's move, from the seq it was at to the seq it is at now. */
    record CursorMove(long from, long to) {}

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

    private static ReadCursors cursors(java.sql.ResultSet rs) throws java.sql.SQLException {
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
                    Long[] ids = longs(rs.getArray("member_ids"));
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
                            cursors(rs));
                })
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
    private static Long[] longs(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? new Long[0] : (Long[]) array.getArray();
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
