package dev.parley.realtime.awareness;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How presence changes are announced (the claims' lifetime, {@code parley.presence.ttl}, is the store's:
 * {@link dev.parley.fanout.PresenceProperties}).
 *
 * @param offlineGrace how long a user without sockets stays online, so that a reconnect or a tab switch causes
 *     no transition; default 2 s
 */
@ConfigurationProperties("parley.presence")
public record PresenceSettings(@DefaultValue("2s") Duration offlineGrace) {}
