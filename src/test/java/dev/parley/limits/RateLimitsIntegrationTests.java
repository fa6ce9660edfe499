package dev.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Pair;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import dev.parley.support.TestRedis;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Rate limits over real HTTP and sockets, on two nodes that share their buckets through Redis. Each test
 * speaks from its own client address ({@code X-Forwarded-For}, trusted from loopback), so the per-address
 * limits of one test never touch another's.
 */
class RateLimitsIntegrationTests {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private static ConfigurableApplicationContext node1;
    private static ConfigurableApplicationContext node2;

    @BeforeAll
    static void startNodes() {
        String[] limits = {
            "--parley.rate-limits.enabled=true",
            "--server.forward-headers-strategy=native",
            "--parley.rate-limits.send=5/1m",
            "--parley.rate-limits.typing=3/1m",
            "--parley.rate-limits.search=2/1m",
            "--parley.rate-limits.flood=4/1m",
            "--parley.rate-limits.login-username=3/1m,5/1h",
            "--parley.rate-limits.login-address=12/1m",
            "--parley.rate-limits.handshake-address=3/1m",
            "--parley.rate-limits.register-address=3/1m",
            "--parley.rate-limits.refresh-address=2/1m",
            "--parley.rate-limits.edit=2/1m",
            "--parley.rate-limits.reaction=2/1m",
            "--parley.rate-limits.upload=5/1m",
            "--parley.rate-limits.upload-bytes=1KB/1m"
        };
        node1 = Nodes.start(limits);
        node2 = Nodes.start(limits);
    }

    @AfterAll
    static void stopNodes() {
        node1.close();
        node2.close();
    }

    /** A client of {@code node} at an address no other test uses. */
    private static ParleyClient client(ConfigurableApplicationContext node) {
        return Nodes.client(node).from("198.51.100." + ADDRESSES.incrementAndGet());
    }

    @Test
    void restSendsPastTheLimitAre429WithRetryAfterAndStoreNothing() {
        ParleyClient http = client(node1);
        Pair pair = http.pair();
        for (int i = 1; i <= 5; i++) {
            assertThat(http.sendMessage(pair.alice(), pair.conversation(), "m" + i)
                            .status())
                    .isEqualTo(201);
        }
        Response refused = http.sendMessage(pair.alice(), pair.conversation(), "one too many");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.body().get("retry_after_ms").asLong()).isBetween(1L, 60_000L);
        assertThat(http.lastSeq(pair.bob(), pair.conversation())).isEqualTo(5);
        assertThat(http.sendMessage(pair.bob(), pair.conversation(), "bob has his own bucket")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void socketSendsShareTheUsersBucketWithRestOnEveryNode() {
        ParleyClient one = client(node1);
        ParleyClient two = client(node2);
        Pair pair = one.pair();
        for (int i = 1; i <= 5; i++) {
            assertThat(one.sendMessage(pair.alice(), pair.conversation(), "m" + i)
                            .status())
                    .isEqualTo(201);
        }
        try (Socket socket = two.chatSocket(pair.conversation(), pair.alice().access())) {
            socket.sendJson(Map.of("type", "chat_message", "message", "refused", "client_id", "c-6"));
            JsonNode error = socket.next("error");
            assertThat(error.get("code").asString()).isEqualTo("rate_limited");
            assertThat(error.get("client_id").asString()).isEqualTo("c-6");
            assertThat(error.get("retry_after_ms").asLong()).isBetween(1L, 60_000L);
            assertThat(socket.drain()).as("the socket stays open and answers").isEmpty();
        }
        assertThat(two.sendMessage(pair.alice(), pair.conversation(), "refused on node 2 too")
                        .status())
                .isEqualTo(429);
        assertThat(one.lastSeq(pair.bob(), pair.conversation())).isEqualTo(5);
    }

    @Test
    void aSocketThatKeepsSendingPastItsLimitIsClosedWith4429() {
        ParleyClient http = client(node1);
        Pair pair = http.pair();
        try (Socket socket = http.chatSocket(pair.conversation(), pair.alice().access())) {
            for (int i = 1; i <= 12; i++) {
                socket.sendJson(Map.of("type", "chat_message", "message", "flood " + i, "client_id", "f-" + i));
            }
            assertThat(socket.awaitClose()).isEqualTo(4429);
        }
        assertThat(http.lastSeq(pair.bob(), pair.conversation()))
                .as("only the sends within the limit were stored")
                .isEqualTo(5);
    }

    @Test
    void typingFramesAndSearchesHaveTheirOwnLimits() {
        ParleyClient http = client(node1);
        Pair pair = http.pair();
        try (Socket socket = http.chatSocket(pair.conversation(), pair.alice().access())) {
            for (int i = 0; i < 3; i++) {
                socket.sendJson(Map.of("type", "typing_indicator", "is_typing", true));
            }
            assertThat(socket.drain()).as("three typing frames are allowed").isEmpty();
            socket.sendJson(Map.of("type", "typing_indicator", "is_typing", true));
            assertThat(socket.next("error").get("code").asString()).isEqualTo("rate_limited");
            assertThat(http.sendMessage(pair.alice(), pair.conversation(), "sends are another bucket")
                            .status())
                    .isEqualTo(201);
        }
        String search = "/api/chats/search/?q=hello";
        assertThat(http.get(search, pair.bob().access()).status()).isEqualTo(200);
        assertThat(http.get(search, pair.bob().access()).status()).isEqualTo(200);
        assertThat(http.get(search, pair.bob().access()).code()).isEqualTo("rate_limited");
    }

    @Test
    void failedLoginsSlowDownPerUsernameAndAnUnknownUserLooksTheSame() {
        ParleyClient http = client(node1);
        TestUser user = http.newUser("guessed");
        Map<String, String> wrong = Map.of("username", user.username(), "password", "wrong-password");
        Map<String, String> unknown = Map.of("username", "nobody-" + user.username(), "password", "wrong-password");
        for (int i = 0; i < 3; i++) {
            Response wrongAnswer = http.post("/auth/login/", null, wrong);
            Response unknownAnswer = http.post("/auth/login/", null, unknown);
            assertThat(wrongAnswer.status()).isEqualTo(401);
            assertThat(unknownAnswer.body())
                    .as("an unknown user gets the very answer of a wrong password")
                    .isEqualTo(wrongAnswer.body());
        }
        Response right = client(node2)
                .post("/auth/login/", null, Map.of("username", user.username(), "password", user.password()));
        assertThat(right.status())
                .as("after three failures even the right password waits, on every node")
                .isEqualTo(429);
        assertThat(right.header("Retry-After")).isNotNull();
        assertThat(http.post("/auth/login/", null, unknown).status()).isEqualTo(429);
    }

    @Test
    void successfulLoginsDoNotCountAgainstTheUsername() {
        ParleyClient http = client(node1);
        TestUser user = http.newUser("often");
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/auth/login/", null, Map.of("username", user.username(), "password", user.password()))
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void loginsFromOneAddressAreLimitedBeforeTheyAreChecked() {
        ParleyClient http = client(node1);
        for (int i = 0; i < 12; i++) {
            assertThat(http.post("/auth/login/", null, Map.of("username", "spray-" + i, "password", "whatever-1"))
                            .status())
                    .isEqualTo(401);
        }
        Response refused = http.post("/auth/login/", null, Map.of("username", "spray-x", "password", "whatever-1"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(client(node1)
                        .post("/auth/login/", null, Map.of("username", "spray-x", "password", "whatever-1"))
                        .status())
                .as("another address is not limited")
                .isEqualTo(401);
    }

    @Test
    void registrationsAndRefreshesFromOneAddressAreLimited() {
        ParleyClient http = client(node1);
        TestUser user = http.newUser("reg");
        http.newUser("reg");
        http.newUser("reg");
        Response fourth = http.post(
                "/auth/register/",
                null,
                Map.of("username", "reg-fourth-" + user.id(), "email", "", "password", "long-enough-1"));
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.header("Retry-After")).isNotNull();

        Response first = http.post("/auth/refresh/", null, Map.of("refresh", user.refresh()));
        assertThat(first.status()).isEqualTo(200);
        assertThat(http.post("/auth/refresh/", null, Map.of("refresh", "not-a-token"))
                        .code())
                .isEqualTo("invalid_refresh_token");
        Response third = http.post(
                "/auth/refresh/",
                null,
                Map.of("refresh", first.body().get("refresh").asString()));
        assertThat(third.code()).isEqualTo("rate_limited");
        assertThat(client(node1)
                        .post(
                                "/auth/refresh/",
                                null,
                                Map.of("refresh", first.body().get("refresh").asString()))
                        .status())
                .as("the refused refresh spent nothing")
                .isEqualTo(200);
    }

    @Test
    void editsReactionsAndUploadBytesHaveTheirOwnLimits() {
        ParleyClient http = client(node1);
        Pair pair = http.pair();
        long message = http.sendMessage(pair.alice(), pair.conversation(), "first")
                .body()
                .get("id")
                .asLong();
        String path = "/api/chats/messages/" + message + "/";
        for (int i = 0; i < 2; i++) {
            assertThat(http.send("PATCH", path, pair.alice().access(), "{\"body\":\"edit " + i + "\"}")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(http.send("DELETE", path, pair.alice().access(), null).code())
                .as("deletes share the edit bucket")
                .isEqualTo("rate_limited");
        for (int i = 0; i < 2; i++) {
            assertThat(http.post(path + "reactions/", pair.bob().access(), Map.of("emoji", "👍"))
                            .status())
                    .isEqualTo(201);
        }
        assertThat(http.post(path + "reactions/", pair.bob().access(), Map.of("emoji", "🎉"))
                        .code())
                .isEqualTo("rate_limited");
        assertThat(http.upload(pair.alice().access(), "a.txt", "text/plain", new byte[600])
                        .status())
                .isEqualTo(201);
        Response tooMuch = http.upload(pair.alice().access(), "b.txt", "text/plain", new byte[600]);
        assertThat(tooMuch.status()).as("1 KB of uploads a minute").isEqualTo(429);
        assertThat(http.upload(pair.bob().access(), "c.txt", "text/plain", new byte[600])
                        .status())
                .isEqualTo(201);
    }

    @Test
    void handshakesFromOneAddressAreLimitedBeforeTheUpgrade() {
        String address = "198.51.100." + ADDRESSES.incrementAndGet();
        ParleyClient http = Nodes.client(node1).from(address);
        Pair pair = http.pair();
        for (int i = 0; i < 3; i++) {
            http.chatSocket(pair.conversation(), pair.alice().access()).close();
        }
        ParleyClient same = Nodes.client(node2).from(address);
        assertThatThrownBy(
                        () -> same.chatSocket(pair.conversation(), pair.alice().access()))
                .isInstanceOfSatisfying(
                        ParleyClient.HandshakeRefused.class,
                        refused -> assertThat(refused.status())
                                .as("the fourth handshake from the address, on the other node")
                                .isEqualTo(429));
    }

    @Test
    void whileRedisIsDownEachNodeKeepsLimitingOnItsOwn() throws InterruptedException {
        ParleyClient http = client(node1);
        Pair pair = http.pair();
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        TestRedis.restart(() -> {
            for (int i = 0; i < 10; i++) {
                statuses.add(http.sendMessage(pair.alice(), pair.conversation(), "m" + i)
                        .status());
            }
        });
        assertThat(statuses).as("stored and limited without Redis").contains(201, 429);
        assertThat(statuses.stream().filter(status -> status == 201).count())
                .as("the node's own bucket: 5, and perhaps one let through while the outage began")
                .isBetween(5L, 6L);
        long deadline = System.nanoTime() + 10_000_000_000L; // both nodes share their buckets again
        while (!node1.getBean(RedisBuckets.class).shared()
                || !node2.getBean(RedisBuckets.class).shared()) {
            assertThat(System.nanoTime()).as("Redis buckets back within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void refusalsAreCountedPerLimit() {
        ParleyClient http = client(node1);
        Pair pair = http.pair();
        for (int i = 0; i < 6; i++) {
            http.sendMessage(pair.alice(), pair.conversation(), "m" + i);
        }
        var scrape = java.net.http.HttpClient.newHttpClient();
        String text;
        try {
            text = scrape.send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                            Nodes.client(node1).base() + "/actuator/prometheus"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        double refused = text.lines()
                .filter(line -> line.startsWith("parley_rate_limit_refusals_total{") && line.contains("limit=\"send\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
        assertThat(refused).isGreaterThanOrEqualTo(1);
    }
}
