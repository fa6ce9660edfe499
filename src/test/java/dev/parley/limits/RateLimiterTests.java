package dev.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate limiter over buckets of this process: refusals, their wait, keys, refunds, a failing store, the flood guard. */
class RateLimiterTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** Every limit at {@code rates}, the flood guard at {@code flood}. */
    private static RateLimitsProperties limits(boolean enabled, List<Rate> rates, List<Rate> flood) {
        return new RateLimitsProperties(
                enabled, rates, rates, rates, rates, rates, rates, rates, rates, rates, rates, rates, rates, rates,
                flood);
    }

    private RateLimiter limiter(List<Rate> rates) {
        return new RateLimiter(
                new LocalBuckets(Duration.ofHours(1)), limits(true, rates, List.of(Rate.parse("2/1m"))), meters);
    }

    private double refusals(RateLimit limit) {
        return meters.get("parley.rate_limit.refusals")
                .tag("limit", limit.property())
                .counter()
                .count();
    }

    @Test
    void refusesOnceTheBucketIsEmptyWithTheWaitUntilATokenIsBack() {
        RateLimiter limiter = limiter(List.of(Rate.parse("3/1m")));
        for (int i = 0; i < 3; i++) {
            limiter.check(RateLimit.SEND, 1L);
        }
        ParleyException refused = catchThrowableOfType(ParleyException.class, () -> limiter.check(RateLimit.SEND, 1L));
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfter())
                .as("one token of 3/1m comes back every 20 s")
                .isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
        assertThat(refusals(RateLimit.SEND)).isEqualTo(1);
        assertThat(refusals(RateLimit.EDIT)).isZero();
    }

    @Test
    void eachKeyAndEachLimitHasItsOwnBucket() {
        RateLimiter limiter = limiter(List.of(Rate.parse("1/1h")));
        limiter.check(RateLimit.SEND, 1L);
        assertThatNoException().isThrownBy(() -> limiter.check(RateLimit.SEND, 2L));
        assertThatNoException().isThrownBy(() -> limiter.check(RateLimit.EDIT, 1L));
        assertThat(catchThrowableOfType(ParleyException.class, () -> limiter.check(RateLimit.SEND, 1L)))
                .isNotNull();
    }

    @Test
    void everyBandOfALimitMustHaveTheTokens() {
        RateLimiter limiter = limiter(List.of(Rate.parse("5/1m"), Rate.parse("2/1h")));
        limiter.check(RateLimit.LOGIN_USERNAME, "ann");
        limiter.check(RateLimit.LOGIN_USERNAME, "ann");
        ParleyException refused =
                catchThrowableOfType(ParleyException.class, () -> limiter.check(RateLimit.LOGIN_USERNAME, "ann"));
        assertThat(refused.retryAfter()).as("the hourly band decides").isGreaterThan(Duration.ofMinutes(1));
    }

    @Test
    void aCheckTakesAsManyTokensAsItNames() {
        RateLimiter limiter = limiter(List.of(Rate.parse("1KB/1h")));
        limiter.check(RateLimit.UPLOAD_BYTES, 1L, 1000);
        assertThat(catchThrowableOfType(ParleyException.class, () -> limiter.check(RateLimit.UPLOAD_BYTES, 1L, 25)))
                .isNotNull();
        assertThatNoException().isThrownBy(() -> limiter.check(RateLimit.UPLOAD_BYTES, 1L, 24));
    }

    @Test
    void aRefundGivesTheTokenBack() {
        RateLimiter limiter = limiter(List.of(Rate.parse("1/1h")));
        limiter.check(RateLimit.LOGIN_USERNAME, "ann");
        limiter.refund(RateLimit.LOGIN_USERNAME, "ann");
        assertThatNoException().isThrownBy(() -> limiter.check(RateLimit.LOGIN_USERNAME, "ann"));
    }

    @Test
    void aFailingBucketStoreLetsTheActionThroughAndCountsTheError() {
        Buckets unreachable = (key, configuration) -> {
            throw new IllegalStateException("Redis timed out");
        };
        RateLimiter limiter = new RateLimiter(
                unreachable, limits(true, List.of(Rate.parse("1/1h")), List.of(Rate.parse("2/1m"))), meters);
        limiter.check(RateLimit.SEND, 1L);
        limiter.check(RateLimit.SEND, 1L);
        assertThat(meters.get("parley.rate_limit.errors").counter().count()).isEqualTo(2);
    }

    @Test
    void whenDisabledNothingIsRefused() {
        RateLimiter limiter = new RateLimiter(
                new LocalBuckets(Duration.ofHours(1)),
                limits(false, List.of(Rate.parse("1/1h")), List.of(Rate.parse("1/1h"))),
                meters);
        for (int i = 0; i < 5; i++) {
            limiter.check(RateLimit.SEND, 1L);
        }
        RateLimiter.FloodGuard guard = limiter.floodGuard();
        assertThat(guard.tolerate()).isTrue();
        assertThat(guard.tolerate()).isTrue();
    }

    @Test
    void theFloodGuardToleratesItsRateOfRefusalsPerSocket() {
        RateLimiter limiter = limiter(List.of(Rate.parse("1/1h")));
        RateLimiter.FloodGuard socket = limiter.floodGuard();
        assertThat(socket.tolerate()).isTrue();
        assertThat(socket.tolerate()).isTrue();
        assertThat(socket.tolerate()).isFalse();
        assertThat(limiter.floodGuard().tolerate())
                .as("another socket counts its own")
                .isTrue();
    }
}
