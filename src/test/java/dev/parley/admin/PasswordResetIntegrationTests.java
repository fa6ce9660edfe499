package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.accounts.AccountAdministration;
import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import dev.parley.support.TwoNodeTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password reset links an admin hands out, on two nodes: one use, the sessions ended (a socket on the other node
 * closed with 4401), and every unused link voided whenever the password is set another way.
 */
class PasswordResetIntegrationTests extends TwoNodeTest {

    private static TestUser admin;

    @BeforeAll
    static void anAdmin() {
        admin = Nodes.newAdmin(node1, "resetter");
    }

    @Test
    void settingAPasswordAnyWayVoidsEveryUnusedResetLink() {
        ParleyClient http = Nodes.client(node1);
        TestUser forgetful = http.newUser("twolinks");
        String first = resetLink(http, forgetful);
        String second = resetLink(http, forgetful);
        assertThat(http.post("/auth/password-reset/", null, Map.of("token", first, "new_password", "chosen-by-link"))
                        .status())
                .isEqualTo(204);
        assertThat(http.post("/auth/password-reset/", null, Map.of("token", second, "new_password", "stolen-link-1"))
                        .code())
                .as("the account's other link, handed out before the password was set")
                .isEqualTo("invalid_reset_token");

        TestUser careful = http.newUser("changer");
        String old = resetLink(http, careful);
        assertThat(http.post(
                                "/api/users/me/password/",
                                careful.access(),
                                Map.of("current_password", careful.password(), "new_password", "my-own-choice"))
                        .status())
                .isEqualTo(204);
        assertThat(http.post("/auth/password-reset/", null, Map.of("token", old, "new_password", "stolen-link-2"))
                        .code())
                .as("a link older than the user's own password change")
                .isEqualTo("invalid_reset_token");
        assertThat(http.login(careful.username(), "my-own-choice").access()).isNotBlank();

        String beforeCommand = resetLink(http, careful);
        node1.getBean(AccountAdministration.class).setPassword(careful.id(), "set-by-command"); // bin/parley admin
        assertThat(http.post(
                                "/auth/password-reset/",
                                null,
                                Map.of("token", beforeCommand, "new_password", "stolen-link-3"))
                        .code())
                .isEqualTo("invalid_reset_token");
    }

    private static String resetLink(ParleyClient http, TestUser user) {
        return http.post("/api/admin/users/" + user.id() + "/password-reset/", admin.access(), null)
                .body()
                .get("token")
                .asString();
    }

    @Test
    void aPasswordResetTokenSetsANewPasswordOnceAndEndsTheSessions() {
        ParleyClient http = Nodes.client(node1);
        TestUser forgetful = http.newUser("forgetful");
        Response reset = http.post("/api/admin/users/" + forgetful.id() + "/password-reset/", admin.access(), null);
        assertThat(reset.status()).isEqualTo(201);
        String token = reset.body().get("token").asString();
        assertThat(reset.body().get("reset_url").asString()).endsWith("/#reset=" + token);
        assertThat(http.post("/auth/password-reset/", null, Map.of("token", token, "new_password", "short"))
                        .code())
                .isEqualTo("password_too_short");

        try (Socket socket = Nodes.client(node2).connect("/ws/notifications/?token=" + forgetful.access(), null)) {
            assertThat(http.post(
                                    "/auth/password-reset/",
                                    null,
                                    Map.of("token", token, "new_password", "a-new-password"))
                            .status())
                    .isEqualTo(204);
            assertThat(socket.awaitClose()).isEqualTo(4401);
        }
        assertThat(http.login(forgetful.username(), "a-new-password").access()).isNotBlank();
        assertThat(http.post("/auth/password-reset/", null, Map.of("token", token, "new_password", "another-one"))
                        .code())
                .as("used once")
                .isEqualTo("invalid_reset_token");
        assertThat(http.post("/auth/login/", null, Map.of("username", forgetful.username(), "password", "another-one"))
                        .status())
                .isEqualTo(401);
    }
}
