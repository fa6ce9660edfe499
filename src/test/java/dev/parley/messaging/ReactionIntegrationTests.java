package dev.parley.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReactionIntegrationTests extends DirectConversationTest {

    private long messageId() {
        return client.sendMessage(alice, conversation, "react to me")
                .body()
                .get("id")
                .asLong();
    }

    private Response react(TestUser user, long message, String emoji) {
        return client.post("/api/chats/messages/" + message + "/reactions/", user.access(), Map.of("emoji", emoji));
    }

    private JsonNode reactionsSeenBy(TestUser user) {
        return client.get("/api/chats/conversations/" + conversation + "/messages/", user.access())
                .body()
                .get("results")
                .get(0)
                .get("reactions");
    }

    @Test
    void addsAndRemovesWithCountsMineAndLiveFrames() {
        long message = messageId();
        try (Socket alices = client.chatSocket(conversation, alice.access())) {
            Response added = react(bob, message, "👍");
            assertThat(added.status()).isEqualTo(201);
            assertThat(added.body().get("count").asLong()).isEqualTo(1);
            JsonNode frame = alices.next("reaction");
            assertThat(frame.get("message_id").asLong()).isEqualTo(message);
            assertThat(frame.get("emoji").asString()).isEqualTo("👍");
            assertThat(frame.get("user").asLong()).isEqualTo(bob.id());
            assertThat(frame.get("added").asBoolean()).isTrue();

            assertThat(reactionsSeenBy(bob).get(0).get("mine").asBoolean()).isTrue();
            assertThat(reactionsSeenBy(alice).get(0).get("mine").asBoolean()).isFalse();
            assertThat(reactionsSeenBy(alice).get(0).get("count").asLong()).isEqualTo(1);

            String path = "/api/chats/messages/" + message + "/reactions/"
                    + URLEncoder.encode("👍", StandardCharsets.UTF_8) + "/";
            assertThat(client.send("DELETE", path, bob.access(), null)
                            .body()
                            .get("count")
                            .asLong())
                    .isZero();
            assertThat(alices.next("reaction").get("added").asBoolean()).isFalse();
            assertThat(reactionsSeenBy(alice).size()).isZero();
        }
    }

    @Test
    void twoUsersRacingOnOneEmojiBothCountAndRepeatsCountOnce() throws Exception {
        long message = messageId();
        List<CompletableFuture<Response>> racing = List.of(
                CompletableFuture.supplyAsync(() -> react(alice, message, "🔥")),
                CompletableFuture.supplyAsync(() -> react(bob, message, "🔥")),
                CompletableFuture.supplyAsync(() -> react(bob, message, "🔥")));
        List<Long> counts = racing.stream()
                .map(CompletableFuture::join)
                .map(r -> r.body().get("count").asLong())
                .toList();
        assertThat(counts).contains(2L).allMatch(c -> c == 1 || c == 2);
        JsonNode reaction = reactionsSeenBy(alice).get(0);
        assertThat(reaction.get("emoji").asString()).isEqualTo("🔥");
        assertThat(reaction.get("count").asLong()).isEqualTo(2);
    }

    @Test
    void refusesOutsidersUnknownMessagesAndBadEmoji() {
        long message = messageId();
        assertThat(react(client.newUser("mallory"), message, "👀").code()).isEqualTo("not_a_participant");
        assertThat(react(alice, 99999999, "👀").status()).isEqualTo(404);
        assertThat(react(alice, message, "").code()).isEqualTo("invalid_request");
        assertThat(react(alice, message, "a b").code()).isEqualTo("invalid_request");
        assertThat(react(alice, message, "x".repeat(17)).code()).isEqualTo("invalid_request");
        assertThat(reactionsSeenBy(alice).size()).isZero();
    }
}
