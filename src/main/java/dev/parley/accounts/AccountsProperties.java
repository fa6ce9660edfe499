package dev.parley.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings.
 *
 * @param secret HS256 signing secret shared by all nodes ({@code PARLEY_JWT_SECRET}), at least 32
 *     bytes; when unset one is generated once and kept in {@code <data-dir>/jwt-secret}
 * @param accessTokenTtl lifetime of an access token; default 15 minutes
 * @param refreshTokenTtl lifetime of a refresh token; default 30 days
 */
@ConfigurationProperties("parley.jwt")
public record AccountsProperties(
        String secret,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl) {}
