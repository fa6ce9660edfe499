package dev.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Pair;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import dev.parley.support.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Per-user rate limits over real HTTP and sockets: sends (REST and sockets together), typing, searches, edits, reactions, uploads, a socket that floods, Redis down, metrics. */
class RateLimitsIntegrationTests extends RateLimitedNodesTest {

    @Test
    void openingConversationsIsLimitedPerUserSoIdsCannotBeWalked() {
        ParleyClient http = client(node1);
        TestUser walker = http.newUser("walker");
        List<TestUser> others = java.util.stream.Stream.generate(
                        () -> client(node1).newUser("walked"))
                .limit(4)
                .toList(); // each from its own address: registrations are limited per address
        for (int i = 0; i < 3; i++) {
            assertThat(http.post(
                                    "/api/chats/conversations/create/",
                                    walker.access(),
                                    Map.of("user_id", others.get(i).id()))
                            .status())
                    .isEqualTo(201);
        }
        Response refused = client(node2)
                .post(
                        "/api/chats/conversations/create/",
                        walker.access(),
                        Map.of("user_id", others.get(3).id()));
        assertThat(refused.status()).as("on the other node too").isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(client(node2)
                        .post("/api/chats/groups/", walker.access(), Map.of("title", "t", "member_ids", List.of()))
                        .status())
                .as("groups share the limit")
                .isEqualTo(429);
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
        await().alias("both nodes share their buckets in Redis again")
                .atMost(Duration.ofSeconds(10))
                .until(() -> node1.getBean(RedisBuckets.class).shared()
                        && node2.getBean(RedisBuckets.class).shared());
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
