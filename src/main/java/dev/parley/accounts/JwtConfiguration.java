package dev.parley.accounts;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.parley.platform.DataDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Access tokens' signing and checking: HS256 with {@code parley.jwt.secret} (or a secret generated once into the
 * data directory), and a decoder that also refuses tokens whose session ended.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    private static final int MIN_SECRET_BYTES = 32;

    @Bean
    SecretKey jwtSigningKey(AccountsProperties properties, DataDirectory dataDirectory) {
        String secret = properties.secret() == null || properties.secret().isBlank()
                ? dataDirectory.secret("jwt-secret")
                : properties.secret();
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("parley.jwt.secret must have at least 32 bytes");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey key) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(key));
    }

    /**
     * Tolerance for clocks of nodes that issue and check tokens: an access token is refused at most this
     * long after it expired (Spring Security's default is 60 s).
     */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    /**
     * Verifies signature and expiry (with {@link #CLOCK_SKEW}), that the token is an access token, and that
     * its session is live (as this node read it at most {@link SessionService#CHECK_INTERVAL} ago).
     */
    @Bean
    JwtDecoder jwtDecoder(SecretKey key, SessionService sessions) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        OAuth2Error ended = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The session has ended", null);
        OAuth2TokenValidator<Jwt> liveSession = jwt -> {
            String session = jwt.getClaimAsString(AccessTokens.SESSION_CLAIM);
            boolean live;
            try {
                live = session == null || sessions.isLive(UUID.fromString(session));
            } catch (IllegalArgumentException notAnId) {
                live = false;
            }
            return live ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(ended);
        };
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                new JwtTimestampValidator(CLOCK_SKEW),
                new JwtClaimValidator<String>(AccessTokens.TOKEN_TYPE_CLAIM, AccessTokens.ACCESS::equals),
                liveSession));
        return decoder;
    }
}
