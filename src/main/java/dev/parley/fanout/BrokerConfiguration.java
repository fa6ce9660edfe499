package dev.parley.fanout;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Chooses the broker and the presence store: Redis when {@code spring.data.redis.url} ({@code SPRING_DATA_REDIS_URL})
 * is set (the connection honours every {@code spring.data.redis.*} setting), in-process otherwise.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

    /**
     * Lettuce retries a lost Redis connection after 50 ms, doubling up to 1 s between attempts (its default
     * grows to 30 s), so delivery between nodes resumes within about a second of Redis's return.
     */
    @Bean
    ClientResourcesBuilderCustomizer quickRedisReconnects() {
        return builder -> builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("spring.data.redis.url")
    RedisBroker redisBroker(LettuceConnectionFactory connectionFactory) {
        if (!connectionFactory.isRunning()) {
            connectionFactory.start();
        }
        return new RedisBroker(connectionFactory.getRequiredNativeClient());
    }

    /**
     * {@code broker} in {@code /actuator/health}: with Redis, UP while both Redis connections are open; the
     * in-process broker is always UP.
     */
    @Bean
    HealthIndicator brokerHealthIndicator(ObjectProvider<RedisBroker> redis) {
        RedisBroker broker = redis.getIfAvailable();
        return () -> broker == null || broker.isConnected()
                ? Health.up().build()
                : Health.down().build();
    }

    @Bean
    @ConditionalOnMissingBean(Broker.class)
    InProcessBroker inProcessBroker() {
        return new InProcessBroker();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("spring.data.redis.url")
    RedisPresenceStore redisPresenceStore(LettuceConnectionFactory connectionFactory, PresenceProperties properties) {
        if (!connectionFactory.isRunning()) {
            connectionFactory.start();
        }
        return new RedisPresenceStore((RedisClient) connectionFactory.getRequiredNativeClient(), properties.ttl());
    }

    @Bean
    @ConditionalOnMissingBean(PresenceStore.class)
    InProcessPresenceStore inProcessPresenceStore() {
        return new InProcessPresenceStore();
    }
}
