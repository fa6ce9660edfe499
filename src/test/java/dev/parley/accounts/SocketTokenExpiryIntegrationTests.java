package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Pair;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** A socket lives as long as its access token, unless an {@code auth} frame extends it (4 s tokens here). */
class SocketTokenExpiryIntegrationTests {

    private static ConfigurableApplicationContext node;

    @BeforeAll
    static void startNode() {
        node = Nodes.start("--parley.jwt.access-token-ttl=4s");
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void aSocketWhoseTokenExpiresIsClosedWith4401() {
        ParleyClient http = Nodes.client(node);
        Pair pair = http.pair();
        try (Socket socket = http.chatSocket(pair.conversation(), pair.alice().access())) {
            long start = System.nanoTime();
            assertThat(socket.awaitClose()).isEqualTo(4401);
            assertThat((System.nanoTime() - start) / 1_000_000)
                    .as("not before the token expired")
                    .isGreaterThanOrEqualTo(1_000);
        }
    }

    @Test
    void authFramesWithFreshTokensKeepTheSocketOpenPastTheFirstExpiry() throws Exception {
        ParleyClient http = Nodes.client(node);
        Pair pair = http.pair();
        try (Socket socket = http.chatSocket(pair.conversation(), pair.alice().access())) {
            String refresh = pair.alice().refresh();
            for (int i = 0; i < 3; i++) { // 4.5 s: past the first token's expiry (3 to 4 s after it was issued)
                Thread.sleep(1_500);
                JsonNode tokens = http.post("/auth/refresh/", null, Map.of("refresh", refresh))
                        .body();
                refresh = tokens.get("refresh").asString();
                socket.sendJson(
                        Map.of("type", "auth", "token", tokens.get("access").asString()));
                Instant expiresAt = Instant.parse(
                        socket.next("authenticated").get("expires_at").asString());
                assertThat(expiresAt).isAfter(Instant.now());
            }
            TestUser bob = http.login(pair.bob().username(), pair.bob().password()); // his first token expired
            assertThat(http.sendMessage(bob, pair.conversation(), "still delivered")
                            .status())
                    .isEqualTo(201);
            assertThat(socket.next("message").get("message").get("body").asString())
                    .isEqualTo("still delivered");
            assertThat(socket.awaitClose()).as("the last token expires in turn").isEqualTo(4401);
        }
    }

    @Test
    void anAuthFrameWithAnotherUsersOrABadTokenIsRefusedAndChangesNothing() {
        ParleyClient http = Nodes.client(node);
        Pair pair = http.pair();
        try (Socket socket = http.chatSocket(pair.conversation(), pair.alice().access())) {
            socket.sendJson(Map.of("type", "auth", "token", pair.bob().access()));
            assertThat(socket.next("error").get("code").asString()).isEqualTo("invalid_token");
            socket.sendJson(Map.of("type", "auth", "token", "garbage"));
            assertThat(socket.next("error").get("code").asString()).isEqualTo("invalid_token");
            assertThat(socket.drain()).isEmpty();
        }
    }
}
