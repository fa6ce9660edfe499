package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Pair;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import dev.parley.support.TwoNodeTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Sessions over real HTTP and sockets on two nodes sharing PostgreSQL and Redis: a login starts one, and
 * ending it (logout, the sessions list, a password change) refuses its tokens and closes its sockets with
 * 4401 on every node.
 */
class SessionsIntegrationTests extends TwoNodeTest {

    /** How long a test waits for what the server promises within a second. */
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @Test
    void aLoginStartsASessionListedWithItsDevice() {
        ParleyClient http = Nodes.client(node1);
        TestUser user = http.newUser("devices");
        Response phone = http.send(
                "POST",
                "/auth/login/",
                null,
                "{\"username\":\"" + user.username() + "\",\"password\":\"" + user.password() + "\"}",
                Map.of("User-Agent", "ParleyPhone/2.1"));
        String phoneAccess = phone.body().get("access").asString();
        JsonNode sessions = http.get("/api/users/me/sessions/", phoneAccess).body();
        assertThat(sessions).hasSize(2);
        JsonNode current = sessions.valueStream()
                .filter(s -> s.get("current").asBoolean())
                .findFirst()
                .orElseThrow();
        assertThat(current.get("device").asString()).isEqualTo("ParleyPhone/2.1");
        assertThat(current.get("last_seen_at").asString()).isNotBlank();
        assertThat(current.get("created_at").asString()).isNotBlank();
        assertThat(http.get("/api/users/me/sessions/", user.access())
                        .body()
                        .valueStream()
                        .filter(s -> s.get("current").asBoolean())
                        .count())
                .isEqualTo(1);
    }

    @Test
    void logoutOnOneNodeClosesTheSessionsSocketsOnTheOtherAndRefusesItsTokens() {
        ParleyClient one = Nodes.client(node1);
        ParleyClient two = Nodes.client(node2);
        Pair pair = one.pair();
        TestUser alice = pair.alice();
        TestUser elsewhere = one.login(alice.username(), alice.password());
        try (Socket ended = two.chatSocket(pair.conversation(), alice.access());
                Socket stream = two.connect("/ws/notifications/?token=" + alice.access(), null);
                Socket other = two.chatSocket(pair.conversation(), elsewhere.access())) {
            long start = System.nanoTime();
            assertThat(one.post("/auth/logout/", alice.access(), Map.of("refresh", alice.refresh()))
                            .status())
                    .isEqualTo(204);
            assertThat(ended.awaitClose()).isEqualTo(4401);
            assertThat(stream.awaitClose()).isEqualTo(4401);
            System.out.printf(
                    "logout on node 1 → socket closed on node 2 after %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
            awaitTrue(() -> two.get("/api/users/me/", alice.access()).status() == 401);
            assertThat(two.get("/api/users/me/", alice.access()).code()).isEqualTo("invalid_token");
            assertThat(one.post("/auth/refresh/", null, Map.of("refresh", alice.refresh()))
                            .code())
                    .isEqualTo("invalid_refresh_token");

            assertThat(other.drain())
                    .as("the user's other session keeps its socket")
                    .isEmpty();
            assertThat(two.get("/api/users/me/", elsewhere.access()).status()).isEqualTo(200);
            assertThat(one.post("/auth/refresh/", null, Map.of("refresh", elsewhere.refresh()))
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aSessionEndedWithoutAnAnnouncementIsFoundWithinASecondOnEveryNode() {
        ParleyClient two = Nodes.client(node2);
        Pair pair = two.pair();
        TestUser alice = pair.alice();
        try (Socket socket = two.chatSocket(pair.conversation(), alice.access())) {
            assertThat(two.get("/api/users/me/", alice.access()).status()).isEqualTo(200);
            // as if the broker lost the announcement: only PostgreSQL knows
            node1.getBean(JdbcClient.class)
                    .sql("UPDATE sessions SET ended_at = now() WHERE user_id = ?")
                    .param(alice.id())
                    .update();
            assertThat(socket.awaitClose()).isEqualTo(4401);
            awaitTrue(() -> two.get("/api/users/me/", alice.access()).status() == 401);
        }
    }

    @Test
    void loggingOutWithTheAccessTokenAloneEndsItsSession() {
        ParleyClient http = Nodes.client(node1);
        TestUser user = http.newUser("tokenonly");
        assertThat(http.send("POST", "/auth/logout/", user.access(), null).status())
                .isEqualTo(204);
        assertThat(http.post("/auth/refresh/", null, Map.of("refresh", user.refresh()))
                        .code())
                .as("the session's refresh token goes with it")
                .isEqualTo("invalid_refresh_token");
        assertThat(http.get("/api/users/me/", user.access()).status()).isEqualTo(401);
    }

    @Test
    void endingOneSessionFromTheListLeavesTheOthers() {
        ParleyClient http = Nodes.client(node1);
        TestUser laptop = http.newUser("lists");
        TestUser phone = http.login(laptop.username(), laptop.password());
        List<JsonNode> sessions = http.get("/api/users/me/sessions/", laptop.access())
                .body()
                .valueStream()
                .toList();
        String phoneSession = sessions.stream()
                .filter(s -> !s.get("current").asBoolean())
                .findFirst()
                .orElseThrow()
                .get("id")
                .asString();
        try (Socket phoneSocket = Nodes.client(node2).connect("/ws/notifications/?token=" + phone.access(), null)) {
            assertThat(http.send("DELETE", "/api/users/me/sessions/" + phoneSession + "/", laptop.access(), null)
                            .status())
                    .isEqualTo(204);
            assertThat(phoneSocket.awaitClose()).isEqualTo(4401);
        }
        awaitTrue(
                () -> Nodes.client(node2).get("/api/users/me/", phone.access()).status() == 401);
        assertThat(http.get("/api/users/me/", laptop.access()).status()).isEqualTo(200);
        assertThat(http.send("DELETE", "/api/users/me/sessions/" + phoneSession + "/", laptop.access(), null)
                        .code())
                .as("an ended session is no longer there")
                .isEqualTo("not_found");
        TestUser stranger = http.newUser("stranger");
        String laptopSession = http.get("/api/users/me/sessions/", laptop.access())
                .body()
                .get(0)
                .get("id")
                .asString();
        assertThat(http.send("DELETE", "/api/users/me/sessions/" + laptopSession + "/", stranger.access(), null)
                        .code())
                .as("another user's session")
                .isEqualTo("not_found");
        assertThat(http.send("DELETE", "/api/users/me/sessions/not-an-id/", laptop.access(), null)
                        .code())
                .isEqualTo("not_found");
        assertThat(http.get("/api/users/me/", laptop.access()).status()).isEqualTo(200);
    }

    @Test
    void changingThePasswordEndsEveryOtherSession() {
        ParleyClient http = Nodes.client(node1);
        TestUser here = http.newUser("changer");
        TestUser there = http.login(here.username(), here.password());
        String path = "/api/users/me/password/";
        assertThat(http.post(
                                path,
                                here.access(),
                                Map.of("current_password", "not-it-at-all", "new_password", "a-new-secret"))
                        .code())
                .isEqualTo("wrong_password");
        assertThat(http.post(path, here.access(), Map.of("current_password", here.password(), "new_password", "short"))
                        .code())
                .isEqualTo("password_too_short");
        assertThat(http.get("/api/users/me/", there.access()).status())
                .as("refused changes end nothing")
                .isEqualTo(200);

        try (Socket thereSocket =
                Nodes.client(node2).chatSocket(http.directConversation(here, http.newUser("peer")), there.access())) {
            assertThat(http.post(
                                    path,
                                    here.access(),
                                    Map.of("current_password", here.password(), "new_password", "a-new-secret"))
                            .status())
                    .isEqualTo(204);
            assertThat(thereSocket.awaitClose()).isEqualTo(4401);
        }
        awaitTrue(
                () -> Nodes.client(node2).get("/api/users/me/", there.access()).status() == 401);
        assertThat(http.get("/api/users/me/", here.access()).status()).isEqualTo(200);
        assertThat(http.post("/auth/login/", null, Map.of("username", here.username(), "password", here.password()))
                        .code())
                .isEqualTo("invalid_credentials");
        assertThat(http.login(here.username(), "a-new-secret").access()).isNotBlank();
    }

    private static void awaitTrue(BooleanSupplier condition) {
        await().atMost(PATIENCE).pollInterval(java.time.Duration.ofMillis(50)).until(condition::getAsBoolean);
    }
}
