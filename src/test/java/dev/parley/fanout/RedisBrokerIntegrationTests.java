package dev.parley.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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

    /**
     * SUBSCRIBEs go out in order on one connection: once a probe subscribed last is confirmed, so are
     * the others.
     */
    @Override
    protected void awaitSubscribed() throws InterruptedException {
        CountDownLatch confirmed = new CountDownLatch(1);
        subscriberNode.subscribe("t.probe." + System.nanoTime(), payload -> {}, confirmed::countDown);
        assertThat(confirmed.await(20, TimeUnit.SECONDS)).as("Redis confirms").isTrue();
    }

    @Test
    void reportsActivationOnConfirmationAndAgainAfterRedisRestarts() throws Exception {
        BrokerContract.Inbox inbox = new BrokerContract.Inbox();
        CountDownLatch confirmed = new CountDownLatch(1);
        CountDownLatch regained = new CountDownLatch(2);
        subscriberNode.subscribe("t.restart", inbox::add, () -> {
            confirmed.countDown();
            regained.countDown();
        });
        assertThat(confirmed.await(20, TimeUnit.SECONDS)).isTrue();
        TestRedis.restart(() -> {});
        assertThat(regained.await(30, TimeUnit.SECONDS))
                .as("the subscription reports it is active again once Redis is back")
                .isTrue();
        publishOnceConnected("t.restart", "after");
        assertThat(inbox.next()).isEqualTo("after");
    }

    @Test
    void subscribesWithoutWaitingWhileRedisIsDownAndRefusesPublishes() throws Exception {
        BrokerContract.Inbox inbox = new BrokerContract.Inbox();
        CountDownLatch active = new CountDownLatch(1);
        TestRedis.restart(() -> {
            awaitDisconnected();
            subscriberNode.subscribe("t.down", inbox::add, active::countDown);
            assertThatThrownBy(() -> publisherNode.publish("t.down", "lost".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IllegalStateException.class);
        });
        assertThat(active.await(30, TimeUnit.SECONDS))
                .as("active once Redis is back")
                .isTrue();
        publishOnceConnected("t.down", "back");
        assertThat(inbox.next()).isEqualTo("back");
    }

    /** Publishes once the publisher has reconnected (it refuses until then, and may flap while Redis starts). */
    private void publishOnceConnected(String topic, String payload) {
        await().alias("the publisher reconnected")
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(25))
                .ignoreException(IllegalStateException.class)
                .untilAsserted(() -> publisherNode.publish(topic, payload.getBytes(StandardCharsets.UTF_8)));
    }

    private void awaitDisconnected() {
        await().alias("Lettuce saw Redis go")
                .atMost(java.time.Duration.ofSeconds(5))
                .pollInterval(java.time.Duration.ofMillis(25))
                .until(() -> !publisherNode.isConnected());
    }

    @AfterEach
    void close() {
        publisherNode.close();
        subscriberNode.close();
        client.shutdown();
    }
}
