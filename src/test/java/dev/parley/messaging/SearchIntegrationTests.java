package dev.parley.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.ParleyClient.TestUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class SearchIntegrationTests extends DirectConversationTest {

    @Autowired
    JdbcClient jdbc;

    private JsonNode search(TestUser user, String query) {
        return client.get("/api/chats/search/?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), user.access())
                .body();
    }

    @Test
    void findsOnlyTheCallersMessagesBestMatchFirst() {
        String word = "zephyr" + System.nanoTime();
        client.sendMessage(alice, conversation, "a " + word + " once");
        client.sendMessage(bob, conversation, word + " " + word + " twice");
        client.sendMessage(bob, conversation, "nothing to see");
        TestUser carol = client.newUser("carol");
        TestUser dave = client.newUser("dave");
        long elsewhere = client.directConversation(carol, dave);
        client.sendMessage(carol, elsewhere, "secret " + word);

        JsonNode hits = search(alice, word).get("results");
        assertThat(hits.size()).isEqualTo(2);
        assertThat(hits.get(0).get("body").asString()).contains("twice");
        assertThat(hits.get(0).get("conversation").asLong()).isEqualTo(conversation);
        assertThat(hits.get(0).get("seq").asLong()).isEqualTo(2);
        assertThat(hits.valueStream().map(h -> h.get("conversation").asLong())).containsOnly(conversation);
        assertThat(search(carol, word).get("results").size()).isEqualTo(1);
    }

    @Test
    void filtersByConversationPagesAndRefusesBadQueries() {
        String word = "quokka" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            client.sendMessage(alice, conversation, word + " " + i);
        }
        String base = "/api/chats/search/?q=" + word + "&conversation=" + conversation + "&limit=2";
        JsonNode first = client.get(base, bob.access()).body();
        assertThat(first.get("results").size()).isEqualTo(2);
        JsonNode second = client.get(first.get("next").asString(), bob.access()).body();
        assertThat(second.get("results").size()).isEqualTo(1);
        assertThat(second.get("next").isNull()).isTrue();

        TestUser mallory = client.newUser("mallory");
        assertThat(client.get(base, mallory.access()).code()).isEqualTo("not_a_participant");
        assertThat(client.get("/api/chats/search/?q=%20", alice.access()).code())
                .isEqualTo("invalid_request");
        assertThat(client.get("/api/chats/search/", alice.access()).code()).isEqualTo("invalid_request");
    }

    @Test
    void newMessagesLeaveTheIndexsPendingListWithinSecondsNotAtFourMegabytes() throws InterruptedException {
        jdbc.sql("CREATE EXTENSION IF NOT EXISTS pgstattuple").update();
        String word = "wombat" + System.nanoTime();
        for (int i = 0; i < 20; i++) {
            client.sendMessage(alice, conversation, word + " " + i);
        }
        long pendingTuples = await().atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(
                        () -> jdbc.sql("SELECT pending_tuples FROM pgstatginindex('messages_search_idx')")
                                .query(Long.class)
                                .single(),
                        pending -> pending == 0);
        assertThat(pendingTuples)
                .as("merged by SearchIndexMerger, not left for an insert to merge")
                .isZero();
        assertThat(search(bob, word).get("results").size()).isEqualTo(20);
    }
}
