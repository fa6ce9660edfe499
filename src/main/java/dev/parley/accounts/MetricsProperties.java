package dev.parley.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read {@code /actuator/prometheus} besides admins and requests from the server's own machine.
 *
 * @param key a credential a Prometheus on another host sends as {@code X-Parley-Metrics-Key} ({@code
 *     PARLEY_METRICS_KEY}); unset (the default) admits no such request
 */
@ConfigurationProperties("parley.metrics")
public record MetricsProperties(String key) {

    /** The header that carries {@link #key}. */
    public static final String HEADER = "X-Parley-Metrics-Key";
}
