package dev.parley.admin;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code admin_audit} table: every admin action, appended in the action's transaction. */
@Repository
class AuditLog {

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(Actor actor, AdminAction action, Long targetUserId, String target, String detail) {
        jdbc.sql("""
                        INSERT INTO admin_audit (actor_id, actor, action, target_user_id, target, detail)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(actor.id(), actor.name(), action.wireName(), targetUserId, target, detail)
                .update();
    }

    /** Up to {@code limit} entries older than {@code beforeId} (all when null), newest first. */
    List<AuditEntry> page(Long beforeId, int limit) {
        return jdbc.sql("""
                        SELECT id, at, actor_id, actor, action, target_user_id, target, detail FROM admin_audit
                        WHERE CAST(:before AS bigint) IS NULL OR id < :before
                        ORDER BY id DESC LIMIT :limit""")
                .param("before", beforeId)
                .param("limit", limit)
                .query((rs, i) -> new AuditEntry(
                        rs.getLong("id"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getObject("actor_id", Long.class),
                        rs.getString("actor"),
                        AdminAction.of(rs.getString("action")),
                        rs.getObject("target_user_id", Long.class),
                        rs.getString("target"),
                        rs.getString("detail")))
                .list();
    }
}
