package dev.parley.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Refresh tokens: opaque random strings (never JWTs, so one can never pass as an access token), stored
 * only as SHA-256 hashes. Using one consumes it atomically: a second use of the same token fails.
 */
@Repository
class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    RefreshTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new token for {@code userId}, valid until {@code expiresAt}. */
    String issue(long userId, Instant expiresAt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)")
                .params(hash(token), userId, Timestamp.from(expiresAt))
                .update();
        return token;
    }

    /**
     * Marks {@code token} used and answers its user, or empty when it is unknown, expired or already used,
     * or (with {@code userId}) another user's, which is left as it was. Concurrent calls with one token:
     * exactly one gets the user.
     *
     * @param userId the user the token must belong to, or null for any
     */
    OptionalLong consume(String token, Long userId) {
        return jdbc.sql("""
                        UPDATE refresh_tokens SET used_at = now()
                        WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now()
                          AND user_id = COALESCE(CAST(:user AS bigint), user_id)
                        RETURNING user_id""")
                .param("hash", hash(token))
                .param("user", userId)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    private static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
