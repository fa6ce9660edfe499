package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.Socket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server's pings keep a quiet socket open past {@code parley.websocket.idle-timeout}; without them
 * the socket is closed with 1001 once it idled that long, and the client reconnects.
 */
class HeartbeatIntegrationTests {

    private static ConfigurableApplicationContext pinging;
    private static ConfigurableApplicationContext silent;

    @BeforeAll
    static void startNodes() {
        pinging = Nodes.start("--parley.websocket.idle-timeout=3s", "--parley.websocket.ping-interval=1s");
        silent = Nodes.start("--parley.websocket.idle-timeout=3s", "--parley.websocket.ping-interval=0s");
    }

    @AfterAll
    static void stopNodes() {
        pinging.close();
        silent.close();
    }

    @Test
    void aQuietSocketThatAnswersPingsOutlivesTheIdleTimeout() throws InterruptedException {
        ParleyClient client = Nodes.client(pinging);
        ParleyClient.Pair pair = client.pair();
        try (Socket socket = client.chatSocket(pair.conversation(), pair.alice().access())) {
            Thread.sleep(5_000);
            assertThat(socket.isOpen()).isTrue();
            socket.sendJson(Map.of("message", "still here"));
            assertThat(socket.next("message").get("message").get("body").asString())
                    .isEqualTo("still here");
        }
    }

    @Test
    void withoutPingsAQuietSocketIsClosedGoingAwayAfterTheIdleTimeout() {
        ParleyClient client = Nodes.client(silent);
        ParleyClient.Pair pair = client.pair();
        try (Socket socket = client.chatSocket(pair.conversation(), pair.alice().access())) {
            assertThat(socket.awaitClose()).isEqualTo(1001);
        }
    }
}
