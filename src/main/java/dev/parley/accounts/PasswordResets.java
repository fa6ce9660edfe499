package dev.parley.accounts;

import dev.parley.shared.OpaqueTokens;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code password_resets} table: one-time tokens an admin hands out, stored as SHA-256 hashes. */
@Repository
class PasswordResets {

    private final JdbcClient jdbc;

    PasswordResets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new token for {@code userId}, valid until {@code expiresAt}. */
    String issue(long userId, Instant expiresAt) {
        String token = OpaqueTokens.generate();
        jdbc.sql("INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (?, ?, ?)")
                .params(OpaqueTokens.hash(token), userId, Timestamp.from(expiresAt))
                .update();
        return token;
    }

    /** Marks {@code token} used and answers its user; empty when unknown, expired or used. */
    Optional<Long> consume(String token) {
        return jdbc.sql("""
                        UPDATE password_resets SET used_at = now()
                        WHERE token_hash = ? AND used_at IS NULL AND expires_at > now() RETURNING user_id""").param(OpaqueTokens.hash(token)).query(Long.class).optional();
    }
}
