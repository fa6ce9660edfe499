package dev.parley.accounts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code sessions} table: one row per login, ended at most once. */
@Repository
class SessionRepository {

    /** A live session as its owner sees it. */
    record Row(UUID id, String device, Instant createdAt, Instant lastSeenAt) {}

    /** Whether a session is live, and whether its {@code last_seen_at} is over a minute old. */
    record Liveness(boolean live, boolean stale) {}

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID start(long userId, String device) {
        return jdbc.sql("INSERT INTO sessions (user_id, device) VALUES (?, ?) RETURNING id")
                .params(userId, device)
                .query(UUID.class)
                .single();
    }

    /** Empty when no session has {@code id}. */
    Optional<Liveness> liveness(UUID id) {
        return jdbc.sql("""
                        SELECT ended_at IS NULL AS live, last_seen_at < now() - interval '1 minute' AS stale
                        FROM sessions WHERE id = ?""")
                .param(id)
                .query((rs, n) -> new Liveness(rs.getBoolean("live"), rs.getBoolean("stale")))
                .optional();
    }

    void touch(UUID id) {
        jdbc.sql("UPDATE sessions SET last_seen_at = now() WHERE id = ? AND ended_at IS NULL")
                .param(id)
                .update();
    }

    List<Row> live(long userId) {
        return jdbc.sql("""
                        SELECT id, device, created_at, last_seen_at FROM sessions
                        WHERE user_id = ? AND ended_at IS NULL ORDER BY last_seen_at DESC, id""")
                .param(userId)
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getString("device"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_seen_at").toInstant()))
                .list();
    }

    /** Ends the live sessions among {@code ids} that belong to {@code userId}; answers those it ended. */
    Set<UUID> end(long userId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                        UPDATE sessions SET ended_at = now()
                        WHERE user_id = :user AND id = ANY(:ids) AND ended_at IS NULL RETURNING id""")
                .param("user", userId)
                .param("ids", ids.toArray(UUID[]::new))
                .query(UUID.class)
                .list());
    }

    /** Ends every live session of {@code userId} but {@code keep} (which may be null); answers those it ended. */
    Set<UUID> endAllBut(long userId, UUID keep) {
        return Set.copyOf(jdbc.sql("""
                        UPDATE sessions SET ended_at = now()
                        WHERE user_id = :user AND ended_at IS NULL AND id IS DISTINCT FROM :keep RETURNING id""")
                .param("user", userId)
                .param("keep", keep)
                .query(UUID.class)
                .list());
    }

    /** Those of {@code ids} that are ended or unknown. */
    Set<UUID> notLive(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<UUID> live = jdbc
                .sql("SELECT id FROM sessions WHERE id = ANY(?) AND ended_at IS NULL")
                .param(ids.toArray(UUID[]::new))
                .query(UUID.class)
                .list()
                .stream()
                .collect(Collectors.toSet());
        return ids.stream().filter(id -> !live.contains(id)).collect(Collectors.toUnmodifiableSet());
    }
}
