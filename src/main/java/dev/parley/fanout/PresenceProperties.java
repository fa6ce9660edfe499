package dev.parley.fanout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Presence settings.
 *
 * @param ttl how long a node's claim that a user is online lasts without a heartbeat (sent every third of
 *     it): a node that dies takes at most this long to turn its users offline; default 30 s
 * @param offlineGrace how long a user without sockets stays online, so that a reconnect or a tab switch
 *     causes no transition; default 2 s
 */
@ConfigurationProperties("parley.presence")
public record PresenceProperties(
        @DefaultValue("30s") Duration ttl,
        @DefaultValue("2s") Duration offlineGrace) {}
