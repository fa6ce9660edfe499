package dev.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Who sees an account's email (a fresh server, so its first account is the admin): the owner and admins; other
 * users get an empty string in every view, unless the server shows emails to everyone
 * ({@code parley.privacy.email-visibility=everyone}, on the second node). Deactivated accounts cannot be
 * messaged or added; opening conversations is limited per user.
 */
class PrivacyIntegrationTests {

    private static ConfigurableApplicationContext node;
    private static ConfigurableApplicationContext everyone;
    private static TestUser admin;

    @BeforeAll
    static void freshServer() {
        String url = TestDatabase.freshJdbcUrl();
        node = Nodes.start("--spring.datasource.url=" + url);
        everyone = Nodes.start("--spring.datasource.url=" + url, "--parley.privacy.email-visibility=everyone");
        admin = Nodes.client(node).newUser("first");
    }

    @AfterAll
    static void stop() {
        node.close();
        everyone.close();
    }

    @Test
    void aUserSeesNoOtherAccountsEmailWhileItsOwnerAndAdminsDo() {
        ParleyClient http = Nodes.client(node);
        TestUser mallory = http.newUser("mallory");
        TestUser target = http.newUser("target");
        String email = target.username() + "@example.com";

        Response created =
                http.post("/api/chats/conversations/create/", mallory.access(), Map.of("user_id", target.id()));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("other_user").get("email").asString())
                .as("the field stays, for seed 000's clients, but empty")
                .isEmpty();
        long id = created.body().get("id").asLong();
        assertThat(otherUser(
                                http.get("/api/chats/conversations/", mallory.access())
                                        .body(),
                                id)
                        .get("email")
                        .asString())
                .isEmpty();
        assertThat(http.get("/api/chats/conversations/" + id + "/", mallory.access())
                        .body()
                        .get("other_user")
                        .get("email")
                        .asString())
                .isEmpty();
        assertThat(http.get("/api/users/me/", target.access())
                        .body()
                        .get("email")
                        .asString())
                .as("the owner")
                .isEqualTo(email);

        Response asAdmin =
                http.post("/api/chats/conversations/create/", admin.access(), Map.of("user_id", target.id()));
        assertThat(asAdmin.body().get("other_user").get("email").asString()).isEqualTo(email);
        long adminsId = asAdmin.body().get("id").asLong();
        assertThat(otherUser(
                                http.get("/api/chats/conversations/", admin.access())
                                        .body(),
                                adminsId)
                        .get("email")
                        .asString())
                .isEqualTo(email);

        ParleyClient open = Nodes.client(everyone);
        assertThat(open.post("/api/chats/conversations/create/", mallory.access(), Map.of("user_id", target.id()))
                        .body()
                        .get("other_user")
                        .get("email")
                        .asString())
                .as("email-visibility=everyone: seed 000's behaviour")
                .isEqualTo(email);
    }

    @Test
    void deactivatedAccountsCannotBeMessagedOrAdded() {
        ParleyClient http = Nodes.client(node);
        TestUser user = http.newUser("asker");
        TestUser gone = http.newUser("gone");
        assertThat(http.post("/api/admin/users/" + gone.id() + "/deactivate/", admin.access(), null)
                        .status())
                .isEqualTo(200);
        for (Object target : List.of(Map.of("user_id", gone.id()), Map.of("username", gone.username()))) {
            Response refused = http.post("/api/chats/conversations/create/", user.access(), target);
            assertThat(refused.status()).as(target.toString()).isEqualTo(404);
            assertThat(refused.code()).isEqualTo("user_not_found");
        }
        assertThat(http.post(
                                "/api/chats/groups/",
                                user.access(),
                                Map.of("title", "with the gone", "member_ids", List.of(gone.id())))
                        .code())
                .isEqualTo("user_not_found");
        long group = http.post("/api/chats/groups/", user.access(), Map.of("title", "g", "member_ids", List.of()))
                .body()
                .get("id")
                .asLong();
        assertThat(http.post(
                                "/api/chats/conversations/" + group + "/members/",
                                user.access(),
                                Map.of("user_id", gone.id()))
                        .code())
                .isEqualTo("user_not_found");
    }

    private static JsonNode otherUser(JsonNode list, long conversation) {
        return list.valueStream()
                .filter(c -> c.get("id").asLong() == conversation)
                .findFirst()
                .orElseThrow()
                .get("other_user");
    }
}
