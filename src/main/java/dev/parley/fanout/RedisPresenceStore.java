package dev.parley.fanout;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The multi-node {@link PresenceStore} on Redis. Per user a sorted set {@code presence:{user}} of node id
 * → expiry (epoch ms), itself expiring; an index {@code presence:index} of {@code user|node} → expiry lets
 * any node sweep the claims of dead nodes. Lua scripts make each transition atomic.
 */
public class RedisPresenceStore implements PresenceStore, AutoCloseable {

    private static final String INDEX = "presence:index";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** KEYS: user set, index. ARGV: node, expiry, now, index member, key ttl. 1 when no live node held the user. */
    private static final String ARRIVE = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
            local before = redis.call('ZCARD', KEYS[1])
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[4])
            if before == 0 then return 1 else return 0 end""";

    /** KEYS: user set, index. ARGV: node, now, index member. 1 when no live node holds the user now. */
    private static final String LEAVE = """
            local removed = redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
            if removed == 1 and redis.call('ZCARD', KEYS[1]) == 0 then return 1 else return 0 end""";

    /** KEYS: user set, index. ARGV: index member, node, now. 1 when this expired claim was the user's last. */
    private static final String EXPIRE = """
            if redis.call('ZREM', KEYS[2], ARGV[1]) == 0 then return 0 end
            local score = redis.call('ZSCORE', KEYS[1], ARGV[2])
            if score and tonumber(score) > tonumber(ARGV[3]) then return 0 end
            local removed = redis.call('ZREM', KEYS[1], ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
            if removed == 1 and redis.call('ZCARD', KEYS[1]) == 0 then return 1 else return 0 end""";

    private final StatefulRedisConnection<String, String> connection;
    private final String node = UUID.randomUUID().toString();
    private final long ttlMillis;

    public RedisPresenceStore(RedisClient client, Duration ttl) {
        this.connection = client.connect();
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public boolean arrive(long userId) {
        long now = System.currentTimeMillis();
        return run(
                ARRIVE,
                userId,
                node,
                Long.toString(now + ttlMillis),
                Long.toString(now),
                member(userId, node),
                Long.toString(2 * ttlMillis));
    }

    @Override
    public boolean leave(long userId) {
        return run(LEAVE, userId, node, Long.toString(System.currentTimeMillis()), member(userId, node));
    }

    @Override
    public void heartbeat(Collection<Long> userIds) {
        long expiry = System.currentTimeMillis() + ttlMillis;
        RedisAsyncCommands<String, String> redis = connection.async();
        List<RedisFuture<?>> replies = new ArrayList<>();
        for (long userId : userIds) {
            replies.add(redis.zadd(key(userId), expiry, node));
            replies.add(redis.pexpire(key(userId), 2 * ttlMillis));
            replies.add(redis.zadd(INDEX, expiry, member(userId, node)));
        }
        for (RedisFuture<?> reply : replies) {
            await(reply);
        }
    }

    @Override
    public List<Long> expired() {
        String now = Long.toString(System.currentTimeMillis());
        List<String> members = await(connection.async().zrangebyscore(INDEX, Range.create(0, Double.parseDouble(now))));
        List<Long> offline = new ArrayList<>();
        for (String member : members) {
            int bar = member.indexOf('|');
            long userId = Long.parseLong(member.substring(0, bar));
            if (run(EXPIRE, userId, member, member.substring(bar + 1), now)) {
                offline.add(userId);
            }
        }
        return offline;
    }

    @Override
    public Set<Long> online(Collection<Long> userIds) {
        String now = Long.toString(System.currentTimeMillis());
        List<Long> ids = List.copyOf(userIds);
        List<RedisFuture<Long>> counts = new ArrayList<>();
        for (long userId : ids) {
            counts.add(connection.async().zcount(key(userId), Range.create(Double.parseDouble(now), Double.MAX_VALUE)));
        }
        Set<Long> online = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (await(counts.get(i)) > 0) {
                online.add(ids.get(i));
            }
        }
        return online;
    }

    @Override
    public void close() {
        if (connection.isOpen()) { // Spring's connection factory, stopped first, may have closed it with its client
            connection.close();
        }
    }

    private boolean run(String script, long userId, String... args) {
        Long result = await(connection
                .async()
                .<Long>eval(script, ScriptOutputType.INTEGER, new String[] {key(userId), INDEX}, args));
        return result != null && result == 1L;
    }

    private static String key(long userId) {
        return "presence:" + userId;
    }

    private static String member(long userId, String node) {
        return userId + "|" + node;
    }

    private static <T> T await(RedisFuture<T> reply) {
        try {
            return reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Redis presence call failed", e);
        }
    }
}
