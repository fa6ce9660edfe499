package dev.parley.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** SPEC's PATCH / DELETE /api/chats/messages/{id}/: edits and deletes by the author, live and replayed. */
class MessageRevisionIntegrationTests extends DirectConversationTest {

    @Autowired
    JdbcClient jdbc;

    private long send(String body) {
        return client.sendMessage(alice, conversation, body).body().get("id").asLong();
    }

    private Response edit(TestUser user, long message, String body) {
        return client.send(
                "PATCH", "/api/chats/messages/" + message + "/", user.access(), "{\"body\":\"" + body + "\"}");
    }

    private Response delete(TestUser user, long message) {
        return client.send("DELETE", "/api/chats/messages/" + message + "/", user.access(), null);
    }

    private JsonNode history(TestUser viewer) {
        return client.get("/api/chats/conversations/" + conversation + "/messages/", viewer.access())
                .body()
                .get("results");
    }

    @Test
    void theAuthorEditsAndDeletesAndBothSocketKindsSeeItLive() {
        long message = send("hello");
        try (Socket chat = client.chatSocket(conversation, bob.access());
                Socket stream = client.connect("/ws/notifications/?token=" + bob.access(), null)) {
            stream.drain(); // connected and following

            Response edited = edit(alice, message, "hello, edited");
            assertThat(edited.status()).isEqualTo(200);
            assertThat(edited.body().get("body").asString()).isEqualTo("hello, edited");
            assertThat(edited.body().get("edited_at").isNull()).isFalse();
            assertThat(edited.body().get("revision").asLong()).isEqualTo(1);
            for (Socket socket : List.of(chat, stream)) {
                JsonNode frame = socket.next("message_updated").get("message");
                assertThat(frame.get("id").asLong()).isEqualTo(message);
                assertThat(frame.get("conversation").asLong()).isEqualTo(conversation);
                assertThat(frame.get("body").asString()).isEqualTo("hello, edited");
                assertThat(frame.get("revision").asLong()).isEqualTo(1);
            }

            Response deleted = delete(alice, message);
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(deleted.body().get("deleted").asBoolean()).isTrue();
            assertThat(deleted.body().get("body").asString()).isEmpty();
            assertThat(deleted.body().get("revision").asLong()).isEqualTo(2);
            for (Socket socket : List.of(chat, stream)) {
                JsonNode frame = socket.next("message_deleted").get("message");
                assertThat(frame.get("id").asLong()).isEqualTo(message);
                assertThat(frame.get("deleted").asBoolean()).isTrue();
                assertThat(frame.get("body").asString()).isEmpty();
            }

            Response again = delete(alice, message);
            assertThat(again.status())
                    .as("deleting again answers the tombstone")
                    .isEqualTo(200);
            assertThat(again.body().get("revision").asLong()).isEqualTo(2);
            assertThat(chat.drain()).as("and announces nothing").isEmpty();
        }
        JsonNode tombstone = history(bob).get(0);
        assertThat(tombstone.get("deleted").asBoolean()).isTrue();
        assertThat(tombstone.get("body").asString()).isEmpty();
        assertThat(tombstone.get("seq").asLong()).as("the seq stays taken").isEqualTo(1);
    }

    @Test
    void onlyTheAuthorMayEditOrDeleteAndRefusalsChangeNothing() {
        long message = send("original");
        TestUser carol = client.newUser("carol");
        assertThat(edit(bob, message, "bob was here").code()).isEqualTo("not_the_author");
        assertThat(delete(bob, message).code()).isEqualTo("not_the_author");
        assertThat(edit(carol, message, "carol was here").code()).isEqualTo("not_a_participant");
        assertThat(delete(carol, message).status()).isEqualTo(403);
        assertThat(edit(alice, 999_999_999L, "nothing").code()).isEqualTo("not_found");
        assertThat(edit(alice, message, "   ").code()).isEqualTo("empty_body");
        assertThat(client.send("PATCH", "/api/chats/messages/" + message + "/", alice.access(), "{\"body\":")
                        .code())
                .isEqualTo("invalid_json");
        JsonNode unchanged = history(alice).get(0);
        assertThat(unchanged.get("body").asString()).isEqualTo("original");
        assertThat(unchanged.get("edited_at").isNull()).isTrue();
        assertThat(unchanged.get("revision").asLong()).isZero();

        assertThat(delete(alice, message).status()).isEqualTo(200);
        Response editDeleted = edit(alice, message, "too late");
        assertThat(editDeleted.status()).isEqualTo(409);
        assertThat(editDeleted.code()).isEqualTo("message_deleted");
        Response react =
                client.post("/api/chats/messages/" + message + "/reactions/", bob.access(), Map.of("emoji", "👍"));
        assertThat(react.code()).isEqualTo("message_deleted");
        assertThat(history(alice).get(0).get("revision").asLong())
                .as("refused edits took no revision")
                .isEqualTo(1);
    }

    @Test
    void deletingDropsReactionsAndTheUnreadCount() {
        long first = send("one");
        send("two");
        assertThat(client.post("/api/chats/messages/" + first + "/reactions/", bob.access(), Map.of("emoji", "👍"))
                        .status())
                .isEqualTo(201);
        assertThat(client.unreadCount(bob)).isEqualTo(2);
        delete(alice, first);
        assertThat(client.unreadCount(bob)).isEqualTo(1);
        assertThat(history(bob).get(0).get("reactions").size()).isZero();
        assertThat(client.get("/api/chats/conversations/", bob.access())
                        .body()
                        .get(0)
                        .get("unread_count")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void resumeReplaysTheEditsAndDeletesMadeWhileAway() {
        long one = send("one");
        long two = send("two");
        long three = send("three");
        try (Socket first = client.chatSocket(conversation, bob.access())) {
            first.drain();
        }
        edit(alice, one, "one, edited"); // revision 1
        delete(alice, two); // 2
        send("four");
        edit(alice, three, "three, first edit"); // 3, superseded by 4
        edit(alice, three, "three, second edit"); // 4

        try (Socket again = client.chatSocket(conversation, bob.access())) {
            again.sendJson(Map.of("type", "resume", "after_seq", 3));
            Map<String, List<JsonNode>> frames = collect(again, 4);
            assertThat(frames.get("message"))
                    .extracting(m -> m.get("body").asString())
                    .containsExactly("four");
            assertThat(frames.get("message_deleted"))
                    .extracting(m -> m.get("id").asLong())
                    .containsExactly(two);
            assertThat(frames.get("message_updated"))
                    .extracting(m -> m.get("body").asString())
                    .as("in revision order, the superseded first edit of three only in its latest state")
                    .containsExactly("one, edited", "three, second edit");
            assertThat(again.drain()).as("no duplicate").isEmpty();
        }

        try (Socket exact = client.chatSocket(conversation, bob.access())) {
            exact.sendJson(Map.of("type", "resume", "after_seq", 4, "after_revision", 2));
            JsonNode update = exact.next("message_updated").get("message");
            assertThat(update.get("id").asLong()).isEqualTo(three);
            assertThat(update.get("revision").asLong()).isEqualTo(4);
            assertThat(exact.drain()).isEmpty();
        }

        try (Socket handshake = client.connect(
                "/ws/chat/" + conversation + "/?token=" + bob.access() + "&after_seq=4&after_revision=1", null)) {
            Map<String, List<JsonNode>> frames = collect(handshake, 2);
            assertThat(frames.get("message_deleted")).hasSize(1);
            assertThat(frames.get("message_updated")).hasSize(1);
            assertThat(handshake.drain()).isEmpty();
        }
    }

    @Test
    void theUserStreamResumesEditsByMap() {
        long one = send("one");
        try (Socket stream = client.connect("/ws/notifications/?token=" + bob.access(), null)) {
            stream.drain();
        }
        edit(alice, one, "one, edited");
        try (Socket stream = client.connect("/ws/notifications/?token=" + bob.access(), null)) {
            stream.sendJson(Map.of("type", "resume", "after_seq", Map.of(String.valueOf(conversation), 1)));
            JsonNode update = stream.next("message_updated").get("message");
            assertThat(update.get("body").asString()).isEqualTo("one, edited");
            assertThat(stream.drain()).isEmpty();
        }
    }

    @Test
    void anEditTheBrokerNeverCarriedIsFilledAndASupersededRevisionIsSkipped() {
        long one = send("one");
        long two = send("two");
        try (Socket socket = client.chatSocket(conversation, bob.access())) {
            socket.drain();
            // revision 1: committed like an edit but never published, as when Redis drops a subscription
            jdbc.sql("""
                            WITH c AS (UPDATE conversations SET last_revision = last_revision + 1 WHERE id = :cid
                                       RETURNING last_revision, last_seq)
                            UPDATE messages SET body = 'edited in transit', edited_at = now(),
                                   revision = c.last_revision, revised_at_seq = c.last_seq
                            FROM c WHERE id = :id""").param("cid", conversation).param("id", one).update();
            // revision 2: taken and then superseded, so PostgreSQL no longer shows it anywhere
            jdbc.sql("UPDATE conversations SET last_revision = last_revision + 1 WHERE id = ?")
                    .param(conversation)
                    .update();
            edit(alice, two, "two, edited"); // revision 3, published

            JsonNode filled = socket.next("message_updated").get("message");
            assertThat(filled.get("body").asString()).isEqualTo("edited in transit");
            assertThat(filled.get("revision").asLong()).isEqualTo(1);
            JsonNode live = socket.next("message_updated").get("message");
            assertThat(live.get("body").asString()).isEqualTo("two, edited");
            assertThat(live.get("revision").asLong()).isEqualTo(3);
            assertThat(socket.drain()).isEmpty();
        }
    }

    /** Reads {@code count} frames, by type, each as its {@code message}. */
    private static Map<String, List<JsonNode>> collect(Socket socket, int count) {
        Map<String, List<JsonNode>> frames = new HashMap<>();
        for (int i = 0; i < count; i++) {
            JsonNode frame = socket.next();
            frames.computeIfAbsent(frame.get("type").asString(), t -> new ArrayList<>())
                    .add(frame.get("message"));
        }
        return frames;
    }
}
