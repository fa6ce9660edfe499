package dev.parley.fanout;

import dev.parley.support.TestRedis;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterEach;

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

    @AfterEach
    void close() {
        publisherNode.close();
        subscriberNode.close();
        client.shutdown();
    }
}
