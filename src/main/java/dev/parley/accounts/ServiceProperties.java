package dev.parley.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Service-to-service settings.
 *
 * @param key the credential other services send as {@code X-Parley-Service-Key} to post system messages
 *     ({@code PARLEY_SERVICE_KEY}); unset (the default) refuses every such request
 */
@ConfigurationProperties("parley.service")
public record ServiceProperties(String key) {}
