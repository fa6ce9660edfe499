package dev.parley.fanout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long presence claims last in the {@link PresenceStore}.
 *
 * @param ttl how long a node's claim that a user is online lasts without a heartbeat (its holder renews it every
 *     third of it): a node that dies takes at most this long to turn its users offline; default 30 s
 */
@ConfigurationProperties("parley.presence")
public record PresenceProperties(@DefaultValue("30s") Duration ttl) {}
