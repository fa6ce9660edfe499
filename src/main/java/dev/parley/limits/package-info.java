/**
 * Rate limits (SPEC "Security and administration"): a named catalogue of token-bucket limits
 * ({@link dev.parley.limits.RateLimit}), configured under {@code parley.rate-limits.*}, kept by Bucket4j
 * in this process or, with {@code spring.data.redis.url}, in Redis so that every node shares them. Other
 * modules ask {@link dev.parley.limits.RateLimiter} before acting; limits keyed by client address are
 * applied to login, register, refresh and WebSocket handshakes before authentication.
 */
@ApplicationModule(allowedDependencies = "shared")
package dev.parley.limits;

import org.springframework.modulith.ApplicationModule;
