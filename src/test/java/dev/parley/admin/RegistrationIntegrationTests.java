package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A fresh server (its own empty database): the first account is an admin and no other; registration modes
 * {@code open}, {@code invite} (codes with a number of uses, revocable) and {@code closed}, set at runtime on
 * one node and in force on the other at once, or by {@code parley.registration.mode}.
 */
class RegistrationIntegrationTests {

    private ConfigurableApplicationContext node1;
    private ConfigurableApplicationContext node2;

    @BeforeEach
    void freshServer() throws Exception {
        String url = TestDatabase.freshJdbcUrl();
        node1 = Nodes.start("--spring.datasource.url=" + url);
        node2 = Nodes.start("--spring.datasource.url=" + url, "--parley.registration.mode=closed");
    }

    @AfterEach
    void stop() {
        node1.close();
        node2.close();
    }

    @Test
    void theFirstAccountIsTheAdminAndTheNextAreUsers() {
        ParleyClient http = Nodes.client(node1);
        TestUser first = http.newUser("first");
        TestUser second = http.newUser("second");
        assertThat(http.get("/api/users/me/", first.access()).body().get("role").asString())
                .isEqualTo("admin");
        assertThat(http.get("/api/users/me/", second.access())
                        .body()
                        .get("role")
                        .asString())
                .isEqualTo("user");
    }

    @Test
    void theLastActiveAdminCanNeitherBeRevokedNorDeactivated() {
        ParleyClient http = Nodes.client(node1);
        TestUser first = http.newUser("only");
        AdminService admin = node1.getBean(AdminService.class);
        for (Runnable demotion : List.<Runnable>of(
                () -> admin.setAdmin(Actor.local(), first.id(), false), // bin/parley admin set-admin --revoke
                () -> admin.setActive(Actor.local(), first.id(), false))) {
            assertThatThrownBy(demotion::run)
                    .isInstanceOfSatisfying(
                            ParleyException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.LAST_ADMIN));
        }
        TestUser second = http.newUser("second");
        assertThat(http.post("/api/admin/users/" + second.id() + "/admin/", first.access(), null)
                        .status())
                .isEqualTo(200);
        assertThat(admin.setAdmin(Actor.local(), first.id(), false).role().wireName())
                .as("with another admin, the first may be revoked")
                .isEqualTo("user");
        assertThat(http.post("/api/admin/users/" + second.id() + "/deactivate/", second.access(), null)
                        .code())
                .isEqualTo("own_account");
    }

    @Test
    void inviteModeAdmitsAsManyRegistrationsAsTheCodeAllows() {
        ParleyClient one = Nodes.client(node1);
        ParleyClient two = Nodes.client(node2);
        TestUser admin = one.newUser("owner");
        assertThat(two.get("/api/admin/registration/", admin.access())
                        .body()
                        .get("mode")
                        .asString())
                .as("the configured mode of node 2 until an admin sets one")
                .isEqualTo("closed");
        assertThat(one.send("PUT", "/api/admin/registration/", admin.access(), "{\"mode\":\"invite\"}")
                        .body()
                        .get("mode")
                        .asString())
                .isEqualTo("invite");
        assertThat(register(two, "uninvited", null).code()).isEqualTo("invite_required");

        Response invite = one.post("/api/admin/invites/", admin.access(), Map.of("max_uses", 2));
        assertThat(invite.status()).isEqualTo(201);
        String code = invite.body().get("code").asString();
        assertThat(register(two, "guest1", "not-" + code).code()).isEqualTo("invite_required");
        assertThat(register(two, "guest1", code).status()).isEqualTo(201);
        assertThat(register(one, "guest1", code).code())
                .as("a registration that fails spends no use")
                .isEqualTo("username_taken");
        assertThat(register(one, "guest2", code).status()).isEqualTo(201);
        assertThat(register(one, "guest3", code).code()).as("used up").isEqualTo("invite_required");

        Response second = one.post("/api/admin/invites/", admin.access(), null);
        assertThat(one.get("/api/admin/invites/", admin.access())
                        .body()
                        .get(1)
                        .get("uses")
                        .asInt())
                .isEqualTo(2);
        long id = second.body().get("id").asLong();
        assertThat(one.send("DELETE", "/api/admin/invites/" + id + "/", admin.access(), null)
                        .status())
                .isEqualTo(204);
        assertThat(register(one, "guest4", second.body().get("code").asString()).code())
                .as("revoked")
                .isEqualTo("invite_required");
        assertThat(one.get("/api/admin/invites/", admin.access())
                        .body()
                        .get(0)
                        .get("code")
                        .isNull())
                .as("codes are shown once")
                .isTrue();
    }

    @Test
    void closedModeRefusesEveryRegistrationAndOpenAdmitsAgain() {
        ParleyClient one = Nodes.client(node1);
        TestUser admin = one.newUser("keeper");
        one.send("PUT", "/api/admin/registration/", admin.access(), "{\"mode\":\"closed\"}");
        Response refused = register(Nodes.client(node2), "latecomer", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("registration_closed");
        assertThat(one.send("PUT", "/api/admin/registration/", admin.access(), "{\"mode\":\"sometimes\"}")
                        .code())
                .isEqualTo("invalid_request");
        one.send("PUT", "/api/admin/registration/", admin.access(), "{\"mode\":\"open\"}");
        assertThat(register(Nodes.client(node2), "latecomer", null).status()).isEqualTo(201);
    }

    private static Response register(ParleyClient http, String username, String inviteCode) {
        String invite = inviteCode == null ? "" : ",\"invite_code\":\"" + inviteCode + "\"";
        return http.post(
                "/auth/register/",
                null,
                "{\"username\":\"" + username + "\",\"email\":\"" + username + "@example.com\","
                        + "\"password\":\"password-of-" + username + "\"" + invite + "}");
    }
}
