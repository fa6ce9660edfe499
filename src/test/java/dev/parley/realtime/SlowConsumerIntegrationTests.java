package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** A client that stops reading is cut off with 4408; a fast client on the same conversation is not held up. */
class SlowConsumerIntegrationTests {

    private static final int MESSAGES = 300;

    private static ConfigurableApplicationContext node;

    @BeforeAll
    static void startNode() {
        node = Nodes.start("--parley.websocket.send-buffer-bytes=65536");
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void aSlowSocketIsClosedWithTheSlowConsumerCodeWhileAFastOneGetsEverything() {
        ParleyClient client = Nodes.client(node);
        ParleyClient.Pair pair = client.pair();
        String body = "x".repeat(15_000);
        try (Socket fast = client.chatSocket(pair.conversation(), pair.alice().access());
                Socket slow = client.chatSocket(pair.conversation(), pair.bob().access())) {
            slow.pause();
            for (int i = 0; i < MESSAGES; i++) {
                client.sendMessage(pair.alice(), pair.conversation(), body);
            }
            for (int i = 1; i <= MESSAGES; i++) {
                assertThat(fast.next("message").get("message").get("seq").asLong())
                        .isEqualTo(i);
            }
            // only now does the slow client read what reached it before it was cut off
            slow.unpause();
            int received = 0;
            JsonNode frame;
            while ((frame = slow.nextOrClosed()) != null) {
                received += "message".equals(frame.path("type").asString()) ? 1 : 0;
            }
            assertThat(slow.awaitClose()).isEqualTo(4408);
            assertThat(received).as("cut off before the end").isLessThan(MESSAGES);
            assertThat(fast.isOpen()).isTrue();
        }
    }
}
