package dev.parley.accounts;

import java.time.Clock;
import java.time.Instant;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Issues access tokens: HS256 JWTs with the user id as subject, {@code user_id}, {@code username} and
 * {@code token_type: "access"} claims (simplejwt's claim names, so seed clients that decode tokens keep
 * working), valid for {@code parley.jwt.access-token-ttl}.
 */
@Component
public class AccessTokens {

    static final String USERNAME_CLAIM = "username";
    static final String TOKEN_TYPE_CLAIM = "token_type";
    static final String ACCESS = "access";

    private final JwtEncoder encoder;
    private final AccountsProperties properties;
    private final Clock clock;

    AccessTokens(JwtEncoder encoder, AccountsProperties properties) {
        this.encoder = encoder;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** A signed access token for {@code user}. */
    public String issue(User user) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(Long.toString(user.id()))
                .issuedAt(now)
                .expiresAt(now.plus(properties.accessTokenTtl()))
                .claim("user_id", user.id())
                .claim(USERNAME_CLAIM, user.username())
                .claim(TOKEN_TYPE_CLAIM, ACCESS)
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
