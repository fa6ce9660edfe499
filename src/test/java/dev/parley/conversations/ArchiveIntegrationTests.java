package dev.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Seed 003's archive and mute, per member. */
class ArchiveIntegrationTests extends DirectConversationTest {

    private Response patch(TestUser user, String json) {
        return client.send("PATCH", "/api/chats/conversations/" + conversation + "/", user.access(), json);
    }

    private JsonNode list(TestUser user, boolean archived) {
        return client.get("/api/chats/conversations/?archived=" + archived, user.access())
                .body();
    }

    @Test
    void anArchivedConversationLeavesTheListUntilANewMessageArrives() {
        client.sendMessage(bob, conversation, "old news");
        assertThat(patch(alice, "{\"archived\": true}").status()).isEqualTo(204);
        assertThat(list(alice, false).size()).isZero();
        assertThat(list(alice, true).get(0).get("id").asLong()).isEqualTo(conversation);
        assertThat(list(alice, true).get(0).get("archived").asBoolean()).isTrue();
        assertThat(list(bob, false).size()).as("archive is per member").isEqualTo(1);

        client.sendMessage(bob, conversation, "news");
        assertThat(list(alice, false).get(0).get("id").asLong()).isEqualTo(conversation);
        assertThat(list(alice, false).get(0).get("archived").asBoolean()).isFalse();
        assertThat(list(alice, true).size()).isZero();

        patch(alice, "{\"archived\": true}");
        patch(alice, "{\"archived\": false}");
        assertThat(list(alice, false).size()).isEqualTo(1);
    }

    @Test
    void muteIsPerMemberAndShownInTheList() {
        assertThat(patch(alice, "{\"muted\": true}").status()).isEqualTo(204);
        assertThat(list(alice, false).get(0).get("muted").asBoolean()).isTrue();
        assertThat(list(bob, false).get(0).get("muted").asBoolean()).isFalse();
    }

    @Test
    void refusesEmptyPatchesOutsidersAndTitlesOfDirectConversations() {
        assertThat(patch(alice, "{}").code()).isEqualTo("invalid_request");
        assertThat(patch(client.newUser("mallory"), "{\"archived\": true}").code())
                .isEqualTo("not_a_participant");
        assertThat(patch(alice, "{\"title\": \"Ours\"}").code()).isEqualTo("not_a_group");
        assertThat(patch(alice, "{\"archived\": \"yes\"}").status()).isEqualTo(400);
    }
}
