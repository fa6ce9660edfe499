package dev.parley.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Buckets in Redis, shared by every node (Bucket4j's compare-and-swap on Lettuce), under
 * {@code parley:rate:<limit>:<key>}, each expiring once it would be full again. While the connection is
 * down, the buckets of this process stand in, so a Redis outage neither blocks requests nor lifts the
 * limits; each node then counts on its own.
 */
class RedisBuckets implements Buckets, AutoCloseable {

    private static final String PREFIX = "parley:rate:";

    /** How long a bucket's key outlives the moment it is full again (a full bucket is the same as none). */
    private static final Duration KEEP_FULL = Duration.ofSeconds(10);

    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final LettuceBasedProxyManager<byte[]> proxies;
    private final LocalBuckets fallback;

    /** @param timeout the longest a bucket operation waits for Redis */
    RedisBuckets(RedisClient client, Duration timeout, LocalBuckets fallback) {
        this.connection = client.connect(ByteArrayCodec.INSTANCE);
        this.proxies = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL))
                .requestTimeout(timeout)
                .build();
        this.fallback = fallback;
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        if (!connection.isOpen()) {
            return fallback.bucket(key, configuration);
        }
        return proxies.builder().build((PREFIX + key).getBytes(StandardCharsets.UTF_8), () -> configuration);
    }

    /** Whether the buckets are Redis's now (false while this process's stand in). */
    boolean shared() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        if (connection.isOpen()) { // Spring's connection factory, stopped first, may have closed it with its client
            connection.close();
        }
    }
}
