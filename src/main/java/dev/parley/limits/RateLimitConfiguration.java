package dev.parley.limits;

import dev.parley.shared.web.Problems;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Builds the rate limiter: buckets in Redis when {@code spring.data.redis.url} is set (every node shares
 * them), in this process otherwise; and the filter that limits login, register, refresh and handshakes per
 * client address.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitsProperties.class)
class RateLimitConfiguration {

    /** The longest a check waits for Redis before letting the action through. */
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

    /** Reads {@code 30/10s} as a {@link Rate} in {@code parley.rate-limits.*}. */
    @Bean
    @ConfigurationPropertiesBinding
    static Converter<String, Rate> rateConverter() {
        return Rate::parse;
    }

    @Bean(destroyMethod = "")
    LocalBuckets localBuckets(RateLimitsProperties properties) {
        Duration longest = Arrays.stream(RateLimit.values())
                .map(properties::of)
                .flatMap(List::stream)
                .map(Rate::period)
                .max(Comparator.naturalOrder())
                .orElse(Duration.ofHours(1));
        return new LocalBuckets(longest);
    }

    @Bean
    RateLimiter rateLimiter(
            LocalBuckets local,
            ObjectProvider<RedisBuckets> shared,
            RateLimitsProperties properties,
            MeterRegistry registry) {
        Buckets buckets = shared.getIfAvailable();
        return new RateLimiter(buckets != null ? buckets : local, properties, registry);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("spring.data.redis.url")
    RedisBuckets redisBuckets(LettuceConnectionFactory connectionFactory, LocalBuckets local) {
        if (!connectionFactory.isRunning()) {
            connectionFactory.start();
        }
        return new RedisBuckets((RedisClient) connectionFactory.getRequiredNativeClient(), REDIS_TIMEOUT, local);
    }

    /** Before Spring Security, so that a flood of bad tokens or passwords is refused before it costs anything. */
    @Bean
    FilterRegistrationBean<AddressRateLimitFilter> addressRateLimitFilter(RateLimiter limiter, Problems problems) {
        FilterRegistrationBean<AddressRateLimitFilter> registration =
                new FilterRegistrationBean<>(new AddressRateLimitFilter(limiter, problems));
        registration.setOrder(AddressRateLimitFilter.ORDER);
        return registration;
    }
}
