package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.support.IntegrationTest;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.HandshakeRefused;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /ws/notifications/} (seed 002): one socket for every conversation of its user. */
class NotificationStreamIntegrationTests extends IntegrationTest {

    private ParleyClient client;
    private TestUser alice;
    private TestUser bob;
    private TestUser carol;
    private long withBob;
    private long withCarol;

    @BeforeEach
    void twoConversations() {
        client = client();
        alice = client.newUser("alice");
        bob = client.newUser("bob");
        carol = client.newUser("carol");
        withBob = client.directConversation(alice, bob);
        withCarol = client.directConversation(alice, carol);
    }

    private Socket stream(TestUser user) {
        return client.connect("/ws/notifications/?token=" + user.access(), null);
    }

    @Test
    void seesMessagesOfEveryConversationAndTheUnreadCount() {
        client.sendMessage(bob, withBob, "waiting for you");
        try (Socket stream = stream(alice)) {
            assertThat(stream.next("unread_count").get("unread_count").asLong()).isEqualTo(1);
            client.sendMessage(bob, withBob, "from bob");
            client.sendMessage(carol, withCarol, "from carol");
            JsonNode first = stream.next("message").get("message");
            JsonNode second = stream.next("message").get("message");
            assertThat(first.get("conversation").asLong()).isEqualTo(withBob);
            assertThat(first.get("seq").asLong()).isEqualTo(2);
            assertThat(second.get("conversation").asLong()).isEqualTo(withCarol);
            assertThat(second.get("body").asString()).isEqualTo("from carol");
            assertThat(stream.next(frame ->
                                    "unread_count".equals(frame.path("type").asString())
                                            && frame.get("unread_count").asLong() == 3)
                            .get("unread_count")
                            .asLong())
                    .isEqualTo(3);
        }
    }

    @Test
    void followsAConversationCreatedAfterItConnected() {
        TestUser dave = client.newUser("dave");
        try (Socket stream = stream(alice)) {
            stream.next("unread_count");
            long withDave = client.directConversation(dave, alice);
            client.sendMessage(dave, withDave, "hello new friend");
            JsonNode message = stream.next("message").get("message");
            assertThat(message.get("conversation").asLong()).isEqualTo(withDave);
            assertThat(message.get("seq").asLong()).isEqualTo(1);
            assertThat(stream.drain().stream()
                            .filter(f -> "message".equals(f.path("type").asString())))
                    .as("once")
                    .isEmpty();
        }
    }

    @Test
    void sendsTypesAndReadsByNamingTheConversation() {
        try (Socket stream = stream(alice);
                Socket bobs = client.chatSocket(withBob, bob.access())) {
            stream.sendJson(
                    Map.of("type", "chat_message", "conversation", withBob, "message", "hi", "client_id", "s1"));
            assertThat(bobs.next("message").get("message").get("body").asString())
                    .isEqualTo("hi");
            assertThat(stream.next("message").get("message").get("client_id").asString())
                    .isEqualTo("s1");

            stream.sendJson(Map.of("type", "typing_indicator", "conversation", withBob, "is_typing", true));
            assertThat(bobs.next("typing_indicator").get("user").asLong()).isEqualTo(alice.id());

            client.sendMessage(bob, withBob, "read me");
            stream.next(frame -> "message".equals(frame.path("type").asString())
                    && frame.get("message").get("seq").asLong() == 2);
            stream.next(frame -> "unread_count".equals(frame.path("type").asString())
                    && frame.get("unread_count").asLong() == 1);
            stream.sendJson(Map.of("type", "read", "conversation", withBob, "up_to_seq", 2));
            assertThat(bobs.next("messages_read").get("up_to_seq").asLong()).isEqualTo(2);
            assertThat(stream.next(
                            frame -> "unread_count".equals(frame.path("type").asString())
                                    && frame.get("unread_count").asLong() == 0))
                    .isNotNull();
        }
    }

    @Test
    void refusesFramesWithoutOrWithAForeignConversation() {
        TestUser mallory = client.newUser("mallory");
        long elsewhere = client.directConversation(bob, carol);
        try (Socket stream = stream(mallory)) {
            stream.sendJson(Map.of("message", "where does this go?"));
            assertThat(stream.next("error").get("code").asString()).isEqualTo("invalid_request");
            stream.sendJson(Map.of("type", "chat_message", "conversation", elsewhere, "message", "let me in"));
            assertThat(stream.next("error").get("code").asString()).isEqualTo("not_a_participant");
            stream.sendJson(Map.of("type", "typing_indicator", "conversation", elsewhere, "is_typing", true));
            assertThat(stream.next("error").get("code").asString()).isEqualTo("not_a_participant");
            assertThat(client.lastSeq(bob, elsewhere)).isZero();
        }
        assertThatThrownBy(() -> client.connect("/ws/notifications/", null))
                .isInstanceOfSatisfying(
                        HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void resumesSeveralConversationsFromAMapOfSeqs() {
        for (int i = 1; i <= 3; i++) {
            client.sendMessage(bob, withBob, "b" + i);
            client.sendMessage(carol, withCarol, "c" + i);
        }
        try (Socket stream = stream(alice)) {
            stream.sendJson(Map.of(
                    "type", "resume", "after_seq", Map.of(String.valueOf(withBob), 1, String.valueOf(withCarol), 0)));
            Map<Long, java.util.List<Long>> seqs = new java.util.HashMap<>();
            for (int i = 0; i < 5; i++) {
                JsonNode message = stream.next("message").get("message");
                seqs.computeIfAbsent(message.get("conversation").asLong(), k -> new java.util.ArrayList<>())
                        .add(message.get("seq").asLong());
            }
            assertThat(seqs.get(withBob)).containsExactly(2L, 3L);
            assertThat(seqs.get(withCarol)).containsExactly(1L, 2L, 3L);
            assertThat(stream.drain().stream()
                            .filter(f -> "message".equals(f.path("type").asString())))
                    .isEmpty();
        }
    }

    @Test
    void aMapNamingAConversationTheCallerIsNotInResumesTheOthersAndSaysWhich() {
        var dave = client.newUser("dave");
        var erin = client.newUser("erin");
        long elsewhere = client.directConversation(dave, erin);
        client.sendMessage(bob, withBob, "b1");
        client.sendMessage(bob, withBob, "b2");
        try (Socket stream = stream(alice)) {
            stream.sendJson(Map.of(
                    "type", "resume", "after_seq", Map.of(String.valueOf(withBob), 0, String.valueOf(elsewhere), 0)));
            java.util.List<String> bodies = new java.util.ArrayList<>();
            JsonNode error = null;
            while (bodies.size() < 2 || error == null) { // the error may come before the replay
                JsonNode frame =
                        stream.next(f -> !"unread_count".equals(f.path("type").asString()));
                if ("error".equals(frame.get("type").asString())) {
                    error = frame;
                } else {
                    bodies.add(frame.get("message").get("body").asString());
                }
            }
            assertThat(bodies).containsExactly("b1", "b2");
            assertThat(error.get("code").asString()).isEqualTo("not_a_participant");
            assertThat(error.get("error").asString()).contains(String.valueOf(elsewhere));
        }
    }
}
