package dev.parley.admin;

import dev.parley.shared.OpaqueTokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code invites} table: codes stored as SHA-256 hashes, each admitting up to {@code max_uses} registrations. */
@Repository
class Invites {

    private static final String COLUMNS =
            "id, created_at, expires_at, max_uses, uses, revoked_at IS NOT NULL AS revoked";

    private final JdbcClient jdbc;

    Invites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new invite; the answer carries its code, which is not stored. */
    Invite create(Long createdBy, int maxUses, Instant expiresAt) {
        String code = OpaqueTokens.generate();
        return jdbc.sql("INSERT INTO invites (code_hash, created_by, max_uses, expires_at) VALUES (?, ?, ?, ?)"
                        + " RETURNING " + COLUMNS)
                .params(OpaqueTokens.hash(code), createdBy, maxUses, Timestamp.from(expiresAt))
                .query((rs, i) -> invite(rs, code))
                .single();
    }

    /** Counts one use of {@code code}; false when it is unknown, used up, expired or revoked. */
    boolean use(String code) {
        return jdbc.sql("""
                        UPDATE invites SET uses = uses + 1
                        WHERE code_hash = ? AND uses < max_uses AND expires_at > now() AND revoked_at IS NULL""").param(OpaqueTokens.hash(code)).update() == 1;
    }

    /** Revokes invite {@code id}; false when there is none. */
    boolean revoke(long id) {
        return jdbc.sql("UPDATE invites SET revoked_at = COALESCE(revoked_at, now()) WHERE id = ?")
                        .param(id)
                        .update()
                == 1;
    }

    /** The newest {@code limit} invites, newest first, without their codes. */
    List<Invite> list(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invites ORDER BY id DESC LIMIT ?")
                .param(limit)
                .query((rs, i) -> invite(rs, null))
                .list();
    }

    private static Invite invite(ResultSet rs, String code) throws SQLException {
        return new Invite(
                rs.getLong("id"),
                code,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getInt("max_uses"),
                rs.getInt("uses"),
                rs.getBoolean("revoked"));
    }
}
