package dev.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.IntegrationTest;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectConversationIntegrationTests extends IntegrationTest {

    @Test
    void createsOnceThenGetsTheSameConversationFromEitherSide() {
        ParleyClient client = client();
        TestUser alice = client.newUser("alice");
        TestUser bob = client.newUser("bob");
        Response created = client.post("/api/chats/conversations/create/", alice.access(), Map.of("user_id", bob.id()));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("created").asBoolean()).isTrue();
        assertThat(created.body().get("other_user").get("id").asLong()).isEqualTo(bob.id());
        assertThat(created.body().get("other_user").has("email")).isTrue();
        assertThat(created.body().has("created_at")).isTrue();

        Response again =
                client.post("/api/chats/conversations/create", bob.access(), Map.of("username", alice.username()));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("created").asBoolean()).isFalse();
        assertThat(again.body().get("id").asLong())
                .isEqualTo(created.body().get("id").asLong());
        assertThat(again.body().get("other_user").get("id").asLong()).isEqualTo(alice.id());
    }

    @Test
    void acceptsTheSeedsStringUserId() {
        ParleyClient client = client();
        TestUser alice = client.newUser("alice");
        TestUser bob = client.newUser("bob");
        Response created =
                client.post("/api/chats/conversations/create/", alice.access(), "{\"user_id\": \"" + bob.id() + "\"}");
        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void refusesSelfMissingAndUnknownUsers() {
        ParleyClient client = client();
        TestUser alice = client.newUser("alice");
        Response self = client.post("/api/chats/conversations/create/", alice.access(), Map.of("user_id", alice.id()));
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.code()).isEqualTo("self_conversation");
        Response missing = client.post("/api/chats/conversations/create/", alice.access(), Map.of());
        assertThat(missing.code()).isEqualTo("invalid_request");
        Response unknown =
                client.post("/api/chats/conversations/create/", alice.access(), Map.of("user_id", 987654321));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("user_not_found");
        Response wrongType = client.post("/api/chats/conversations/create/", alice.access(), "{\"user_id\": \"x\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        Response broken = client.post("/api/chats/conversations/create/", alice.access(), "{\"user_id\": ");
        assertThat(broken.code()).isEqualTo("invalid_json");
    }

    @Test
    void listsAndShowsConversationsInTheSeedShape() {
        ParleyClient client = client();
        TestUser alice = client.newUser("alice");
        TestUser bob = client.newUser("bob");
        TestUser carol = client.newUser("carol");
        long withBob = client.directConversation(alice, bob);
        long withCarol = client.directConversation(alice, carol);
        client.sendMessage(bob, withBob, "hello alice");

        Response list = client.get("/api/chats/conversations/", alice.access());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().valueStream().map(c -> c.get("id").asLong())).containsExactly(withBob, withCarol);
        var first = list.body().get(0);
        assertThat(first.get("other_user").get("name").asString()).isEqualTo(bob.username());
        assertThat(first.get("last_message").get("body").asString()).isEqualTo("hello alice");
        assertThat(first.get("last_message").get("sender_id").asLong()).isEqualTo(bob.id());
        assertThat(first.get("last_message").get("is_read").asBoolean()).isFalse();
        assertThat(first.get("unread_count").asLong()).isEqualTo(1);
        assertThat(first.get("kind").asString()).isEqualTo("direct");
        assertThat(list.body().get(1).get("last_message").isNull()).isTrue();

        Response detail = client.get("/api/chats/conversations/" + withBob, alice.access());
        assertThat(detail.body().get("other_user").get("id").asLong()).isEqualTo(bob.id());
        var message = detail.body().get("messages").get(0);
        assertThat(message.get("sender").asLong()).isEqualTo(bob.id());
        assertThat(message.get("sender_name").asString()).isEqualTo(bob.username());
        assertThat(message.get("conversation").asLong()).isEqualTo(withBob);
        assertThat(message.get("seq").asLong()).isEqualTo(1);
    }

    @Test
    void refusesOutsidersUnknownAndMalformedIds() {
        ParleyClient client = client();
        TestUser alice = client.newUser("alice");
        TestUser bob = client.newUser("bob");
        TestUser mallory = client.newUser("mallory");
        long id = client.directConversation(alice, bob);
        client.sendMessage(alice, id, "private");

        Response outsider = client.get("/api/chats/conversations/" + id + "/", mallory.access());
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.code()).isEqualTo("not_a_participant");
        assertThat(outsider.body().toString()).doesNotContain("private");
        Response outsiderHistory = client.get("/api/chats/conversations/" + id + "/messages/", mallory.access());
        assertThat(outsiderHistory.code()).isEqualTo("not_a_participant");
        Response outsiderSend = client.sendMessage(mallory, id, "let me in");
        assertThat(outsiderSend.status()).isEqualTo(403);
        assertThat(client.lastSeq(alice, id)).isEqualTo(1);

        Response unknown = client.get("/api/chats/conversations/99999999/", alice.access());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("conversation_not_found");
        assertThat(client.sendMessage(alice, 99999999, "void").code()).isEqualTo("conversation_not_found");
        Response malformed = client.get("/api/chats/conversations/abc/", alice.access());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("invalid_id");
        assertThat(client.get("/api/chats/conversations/" + id, null).status()).isEqualTo(401);
    }
}
