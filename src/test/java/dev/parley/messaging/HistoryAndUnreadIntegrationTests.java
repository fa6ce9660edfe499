package dev.parley.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.ParleyClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** History pages by seq cursor, unread counts and {@code is_read}, over REST in a direct conversation. */
class HistoryAndUnreadIntegrationTests extends DirectConversationTest {

    private String messages;

    @BeforeEach
    void messagesPath() {
        messages = "/api/chats/conversations/" + conversation + "/messages/";
    }

    @Test
    void pagesHistoryBySeqCursorsInBothDirections() {
        for (int i = 1; i <= 7; i++) {
            client.sendMessage(alice, conversation, "n" + i);
        }
        JsonNode latest = client.get(messages + "?limit=3", bob.access()).body();
        assertThat(seqs(latest)).containsExactly(5L, 6L, 7L);
        assertThat(latest.get("next").isNull()).isTrue();
        String previous = latest.get("previous").asString();
        JsonNode older = client.get(previous, bob.access()).body();
        assertThat(seqs(older)).containsExactly(2L, 3L, 4L);
        JsonNode oldest =
                client.get(older.get("previous").asString(), bob.access()).body();
        assertThat(seqs(oldest)).containsExactly(1L);
        assertThat(oldest.get("previous").isNull()).isTrue();
        JsonNode newer = client.get(oldest.get("next").asString(), bob.access()).body();
        assertThat(seqs(newer)).containsExactly(2L, 3L, 4L);
        for (int i = 8; i <= 10; i++) {
            client.sendMessage(alice, conversation, "n" + i);
        }
        assertThat(seqs(client.get(previous, bob.access()).body()))
                .as("a page reached by its cursor stays the same while new messages arrive")
                .containsExactly(2L, 3L, 4L);
        JsonNode capped =
                client.get(messages + "?after_seq=0&limit=1000", bob.access()).body();
        assertThat(seqs(capped)).hasSize(10);
        assertThat(client.get(messages + "?before_seq=abc", bob.access()).status())
                .isEqualTo(400);
    }

    @Test
    void unreadCountsNeverCountOwnMessagesAndClearOnRead() {
        client.sendMessage(alice, conversation, "one");
        client.sendMessage(alice, conversation, "two");
        client.sendMessage(bob, conversation, "three");
        assertThat(client.unreadCount(bob)).isEqualTo(2);
        assertThat(client.unreadCount(alice)).isEqualTo(1);
        Response read = client.post(
                "/api/chats/conversations/" + conversation + "/read/", bob.access(), Map.of("up_to_seq", 1));
        assertThat(read.status()).isEqualTo(204);
        assertThat(client.unreadCount(bob)).isEqualTo(1);
        client.post("/api/chats/conversations/" + conversation + "/read/", bob.access(), Map.of("up_to_seq", 0));
        assertThat(client.unreadCount(bob)).as("a read cursor never moves back").isEqualTo(1);
        client.post("/api/chats/conversations/" + conversation + "/read/", bob.access(), Map.of("up_to_seq", 99));
        assertThat(client.unreadCount(bob)).isZero();
        JsonNode history = client.get(messages, alice.access()).body().get("results");
        assertThat(history.get(0).get("is_read").asBoolean()).isTrue();
        assertThat(history.get(2).get("is_read").asBoolean())
                .as("alice has not read bob's")
                .isFalse();
    }

    private static List<Long> seqs(JsonNode page) {
        return page.get("results").valueStream().map(m -> m.get("seq").asLong()).toList();
    }
}
