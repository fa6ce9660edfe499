package dev.parley.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Seed 003's integration endpoints, generalised: other services post typed system messages. */
class SystemMessageIntegrationTests extends DirectConversationTest {

    private static final String PAYMENT =
            "{\"type\":\"payment\",\"body\":\"Payment of $50 received\",\"metadata\":{\"amount\":50,\"currency\":\"USD\"}}";

    private Response post(long conversationId, String json, String key, String token) {
        return client.send(
                "POST",
                "/api/chats/conversations/" + conversationId + "/system-messages/",
                token,
                json,
                key == null ? Map.of() : Map.of("X-Parley-Service-Key", key));
    }

    @Test
    void aServiceWithTheKeyPostsATypedMessageThatReachesTheSockets() {
        try (Socket bobs = client.chatSocket(conversation, bob.access())) {
            Response posted = post(conversation, PAYMENT, SERVICE_KEY, null);
            assertThat(posted.status()).isEqualTo(201);
            assertThat(posted.body().get("sender").isNull()).isTrue();
            assertThat(posted.body().get("type").asString()).isEqualTo("payment");
            JsonNode live = bobs.next("message").get("message");
            assertThat(live.get("id").asLong())
                    .isEqualTo(posted.body().get("id").asLong());
            assertThat(live.get("metadata").get("amount").asInt()).isEqualTo(50);
        }
        assertThat(client.unreadCount(alice))
                .as("system messages count as unread")
                .isEqualTo(1);
    }

    @Test
    void refusesWithoutTheKeyWithAUserTokenAndForBadRequests() {
        assertThat(post(conversation, PAYMENT, null, null).code()).isEqualTo("invalid_service_credential");
        assertThat(post(conversation, PAYMENT, "wrong", null).status()).isEqualTo(401);
        assertThat(post(conversation, PAYMENT, null, alice.access()).code())
                .as("a user's token is not a service credential")
                .isEqualTo("invalid_service_credential");
        assertThat(post(99999999, PAYMENT, SERVICE_KEY, null).code()).isEqualTo("conversation_not_found");
        assertThat(post(conversation, "{\"type\":\"member_removed\",\"body\":\"fake\"}", SERVICE_KEY, null)
                        .code())
                .as("Parley's own group changes")
                .isEqualTo("reserved_type");
        assertThat(post(conversation, "{\"type\":\"text\",\"body\":\"plain\"}", SERVICE_KEY, null)
                        .code())
                .isEqualTo("invalid_request");
        assertThat(post(conversation, "{\"type\":\"payment\",\"body\":\" \"}", SERVICE_KEY, null)
                        .code())
                .isEqualTo("empty_body");
        assertThat(client.lastSeq(alice, conversation)).as("nothing stored").isZero();
    }
}
