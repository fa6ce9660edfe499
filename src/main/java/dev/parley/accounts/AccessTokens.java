package dev.parley.accounts;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies access tokens: HS256 JWTs with the user id as subject, {@code user_id},
 * {@code username} and {@code token_type: "access"} claims (simplejwt's claim names, so seed clients that
 * decode tokens keep working) and the session id as {@code sid}, valid for
 * {@code parley.jwt.access-token-ttl}.
 */
@Component
public class AccessTokens {

    static final String USERNAME_CLAIM = "username";
    static final String TOKEN_TYPE_CLAIM = "token_type";
    static final String ACCESS = "access";
    static final String SESSION_CLAIM = "sid";

    private final JwtEncoder encoder;
    private final JwtDecoder decoder;
    private final AccountsProperties properties;
    private final Clock clock;

    AccessTokens(JwtEncoder encoder, JwtDecoder decoder, AccountsProperties properties) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /**
     * The caller an access token names, checked as on every REST request: signature, expiry (5 s of clock
     * skew) and that its session is live (within a second of its end, on every node).
     *
     * @throws ParleyException {@code invalid_token} (401) when it is not a valid access token
     */
    public CurrentUser verify(String token) {
        if (token == null || token.isBlank()) {
            throw new ParleyException(ErrorCode.INVALID_TOKEN, "token is required");
        }
        try {
            return CurrentUser.of(decoder.decode(token));
        } catch (JwtException e) {
            throw new ParleyException(ErrorCode.INVALID_TOKEN);
        }
    }

    /** A signed access token for {@code user} in {@code session}. */
    String issue(User user, UUID session) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(Long.toString(user.id()))
                .issuedAt(now)
                .expiresAt(now.plus(properties.accessTokenTtl()))
                .claim("user_id", user.id())
                .claim(USERNAME_CLAIM, user.username())
                .claim(TOKEN_TYPE_CLAIM, ACCESS)
                .claim(SESSION_CLAIM, session.toString())
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
