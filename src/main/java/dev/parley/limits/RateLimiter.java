package dev.parley.limits;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the catalogue's buckets before an action (SPEC "Security and administration"). A refusal is a
 * {@link ParleyException} {@code rate_limited} (429) carrying how long to wait; nothing has been done yet,
 * so nothing is stored. When the bucket store fails (Redis timing out) the action is allowed and counted
 * in {@code parley.rate_limit.errors}: limits protect the service, they never take it down.
 *
 * <p>Meters: {@code parley.rate_limit.refusals{limit}} counts refusals, {@code parley.rate_limit.check}
 * times each check (the round trip to Redis when shared).
 */
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final Buckets buckets;
    private final RateLimitsProperties properties;
    private final Map<RateLimit, BucketConfiguration> configurations = new EnumMap<>(RateLimit.class);
    private final Map<RateLimit, Counter> refusals = new EnumMap<>(RateLimit.class);
    private final Counter errors;
    private final Timer checks;

    RateLimiter(Buckets buckets, RateLimitsProperties properties, MeterRegistry registry) {
        this.buckets = buckets;
        this.properties = properties;
        for (RateLimit limit : RateLimit.values()) {
            configurations.put(limit, configuration(properties.of(limit)));
            refusals.put(
                    limit,
                    Counter.builder("parley.rate_limit.refusals")
                            .description("Requests and frames refused by a rate limit")
                            .tag("limit", limit.property())
                            .register(registry));
        }
        this.errors = Counter.builder("parley.rate_limit.errors")
                .description("Rate-limit checks that failed (bucket store unreachable) and let the action through")
                .register(registry);
        this.checks = Timer.builder("parley.rate_limit.check")
                .description("Time to check and take from a rate-limit bucket")
                .register(registry);
    }

    /**
     * Takes one token of {@code limit} for {@code key}.
     *
     * @param key whose bucket: a user id, a username, a client address
     * @throws ParleyException {@code rate_limited} (429) with the wait until a token is back
     */
    public void check(RateLimit limit, Object key) {
        check(limit, key, 1);
    }

    /**
     * Takes {@code tokens} of {@code limit} for {@code key} (bytes, for {@link RateLimit#UPLOAD_BYTES}).
     *
     * @throws ParleyException {@code rate_limited} (429) with the wait until that many are back
     */
    public void check(RateLimit limit, Object key, long tokens) {
        if (!properties.enabled()) {
            return;
        }
        ConsumptionProbe probe;
        Timer.Sample sample = Timer.start();
        try {
            probe = bucket(limit, key).tryConsumeAndReturnRemaining(tokens);
        } catch (RuntimeException e) {
            errors.increment();
            log.debug("Rate limit {} not checked: {}", limit.property(), e.toString());
            return;
        } finally {
            sample.stop(checks);
        }
        if (!probe.isConsumed()) {
            refusals.get(limit).increment();
            Duration wait = Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 1_000_000));
            throw new ParleyException(
                    ErrorCode.RATE_LIMITED,
                    "Rate limit " + limit.property() + " reached; retry in " + wait.toMillis() + " ms",
                    wait);
        }
    }

    /** Gives back one token of {@code limit} for {@code key}: the attempt it paid for turned out not to count. */
    public void refund(RateLimit limit, Object key) {
        if (!properties.enabled()) {
            return;
        }
        try {
            bucket(limit, key).addTokens(1);
        } catch (RuntimeException e) {
            errors.increment();
        }
    }

    /**
     * A new per-socket count of refusals, kept in this process: {@link FloodGuard#tolerate()} turns false
     * once the socket has had more than {@code parley.rate-limits.flood} of them.
     */
    public FloodGuard floodGuard() {
        if (!properties.enabled()) {
            return () -> true;
        }
        Bucket bucket = LocalBuckets.local(configuration(properties.flood()));
        return () -> bucket.tryConsume(1);
    }

    private Bucket bucket(RateLimit limit, Object key) {
        return buckets.bucket(limit.property() + ":" + key, configurations.get(limit));
    }

    private static BucketConfiguration configuration(List<Rate> rates) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        rates.forEach(rate ->
                builder.addLimit(band -> band.capacity(rate.capacity()).refillGreedy(rate.capacity(), rate.period())));
        return builder.build();
    }

    /** A socket's tolerance for refused frames. */
    @FunctionalInterface
    public interface FloodGuard {

        /** Counts one refusal; false when the socket has had too many and is to be closed. */
        boolean tolerate();
    }
}
