package dev.parley.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.TestRedis;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The broker contract on a real Redis, publisher and subscriber on separate connections like two nodes. */
class RedisBrokerIntegrationTests extends BrokerContract {

    private final RedisClient client = RedisClient.create(TestRedis.url());
    private final RedisBroker publisherNode = new RedisBroker(client);
    private final RedisBroker subscriberNode = new RedisBroker(client);

    @Override
    protected Broker publisher() {
        return publisherNode;
    }

    @Override
    protected Broker subscriber() {
        return subscriberNode;
    }

    @Test
    void reportsAnInterruptionAndDeliversAgainAfterRedisRestarts() throws Exception {
        BrokerContract.Inbox inbox = new BrokerContract.Inbox();
        CountDownLatch interrupted = new CountDownLatch(1);
        subscriberNode.subscribe("t.restart", inbox::add, interrupted::countDown);
        TestRedis.restart(() -> {});
        assertThat(interrupted.await(30, TimeUnit.SECONDS))
                .as("the subscription reports it was interrupted once it is back")
                .isTrue();
        publisherNode.publish("t.restart", "after".getBytes(StandardCharsets.UTF_8));
        assertThat(inbox.next()).isEqualTo("after");
    }

    @AfterEach
    void close() {
        publisherNode.close();
        subscriberNode.close();
        client.shutdown();
    }
}
