package dev.parley.fanout;

import io.lettuce.core.RedisClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("spring.data.redis.url")
    RedisBroker redisBroker(LettuceConnectionFactory connectionFactory) {
        if (!connectionFactory.isRunning()) {
            connectionFactory.start();
        }
        return new RedisBroker(connectionFactory.getRequiredNativeClient());
    }

    /** {@code broker} in {@code /actuator/health}: UP while both Redis connections are open. */
    @Bean
    @ConditionalOnProperty("spring.data.redis.url")
    HealthIndicator brokerHealthIndicator(RedisBroker broker) {
        return () -> broker.isConnected() ? Health.up().build() : Health.down().build();
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
