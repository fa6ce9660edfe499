package dev.parley.accounts;

import dev.parley.shared.OpaqueTokens;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Refresh tokens: opaque random strings (never JWTs, so one can never pass as an access token), stored
 * only as SHA-256 hashes, each belonging to a session. Using one consumes it atomically: a second use of
 * the same token fails, and so does any use once its session has ended.
 */
@Repository
class RefreshTokens {

    private final JdbcClient jdbc;

    RefreshTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whose a consumed token was: its user and session (null for a token older than sessions). */
    record Owner(long userId, UUID session) {}

    /** A new token for {@code userId} in {@code session}, valid until {@code expiresAt}. */
    String issue(long userId, UUID session, Instant expiresAt) {
        String token = OpaqueTokens.generate();
        jdbc.sql("INSERT INTO refresh_tokens (token_hash, user_id, session_id, expires_at) VALUES (?, ?, ?, ?)")
                .params(OpaqueTokens.hash(token), userId, session, Timestamp.from(expiresAt))
                .update();
        return token;
    }

    /**
     * Marks {@code token} used and answers its owner, or empty when it is unknown, expired, already used or
     * of an ended session, or (with {@code userId}) another user's, which is left as it was. Concurrent
     * calls with one token: exactly one gets the owner.
     *
     * @param userId the user the token must belong to, or null for any
     */
    Optional<Owner> consume(String token, Long userId) {
        return jdbc.sql("""
                        UPDATE refresh_tokens t SET used_at = now()
                        WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now()
                          AND user_id = COALESCE(CAST(:user AS bigint), user_id)
                          AND NOT EXISTS (SELECT 1 FROM sessions s
                                          WHERE s.id = t.session_id AND s.ended_at IS NOT NULL)
                        RETURNING user_id, session_id""")
                .param("hash", OpaqueTokens.hash(token))
                .param("user", userId)
                .query((rs, n) -> new Owner(rs.getLong("user_id"), rs.getObject("session_id", UUID.class)))
                .optional();
    }
}
