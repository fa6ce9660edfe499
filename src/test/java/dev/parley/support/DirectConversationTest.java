package dev.parley.support;

import dev.parley.support.ParleyClient.TestUser;
import org.junit.jupiter.api.BeforeEach;

/** An integration test that starts each test with fresh users alice and bob and their conversation. */
public abstract class DirectConversationTest extends IntegrationTest {

    protected ParleyClient client;
    protected TestUser alice;
    protected TestUser bob;
    protected long conversation;

    @BeforeEach
    void aliceAndBob() {
        client = client();
        ParleyClient.Pair pair = client.pair();
        alice = pair.alice();
        bob = pair.bob();
        conversation = pair.conversation();
    }
}
