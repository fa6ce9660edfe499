package dev.parley.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.IntegrationTest;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Per-reader receipts: who has read a message, and when. */
class ReadersIntegrationTests extends IntegrationTest {

    @Test
    void twoReadersInAGroupAreListedInTheOrderTheyRead() {
        ParleyClient client = client();
        TestUser alice = client.newUser("alice");
        TestUser bob = client.newUser("bob");
        TestUser carol = client.newUser("carol");
        long group = client.post(
                        "/api/chats/groups/",
                        alice.access(),
                        Map.of("title", "Readers", "member_ids", List.of(bob.id(), carol.id())))
                .body()
                .get("id")
                .asLong();
        JsonNode sent = client.sendMessage(alice, group, "did you read this?").body();
        String reads = "/api/chats/messages/" + sent.get("id").asLong() + "/reads/";
        assertThat(client.get(reads, alice.access()).body().get("readers").size())
                .isZero();

        client.post(
                "/api/chats/conversations/" + group + "/read/",
                bob.access(),
                Map.of("up_to_seq", sent.get("seq").asLong()));
        try (Socket carols = client.chatSocket(group, carol.access())) { // connecting marks read (seed 000)
            JsonNode readers = client.get(reads, alice.access()).body().get("readers");
            assertThat(readers.valueStream().map(r -> r.get("user").asLong())).containsExactly(bob.id(), carol.id());
            assertThat(readers.get(0).get("name").asString()).isEqualTo(bob.username());
            assertThat(readers.get(0).get("read_at").asString())
                    .isLessThanOrEqualTo(readers.get(1).get("read_at").asString());
        }
        JsonNode own = client.get(reads, bob.access()).body().get("readers");
        assertThat(own.valueStream().map(r -> r.get("user").asLong())).doesNotContain(alice.id());

        TestUser mallory = client.newUser("mallory");
        assertThat(client.get(reads, mallory.access()).code()).isEqualTo("not_a_participant");
        assertThat(client.get("/api/chats/messages/99999999/reads/", alice.access())
                        .status())
                .isEqualTo(404);
    }
}
