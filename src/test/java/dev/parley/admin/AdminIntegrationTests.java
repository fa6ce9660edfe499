package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.accounts.AccountAdministration;
import dev.parley.accounts.Role;
import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Pair;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import dev.parley.support.TwoNodeTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The admin API over real HTTP and sockets on two nodes sharing PostgreSQL and Redis: roles, accounts as
 * admins see them, deactivation (sessions ended and sockets closed on both nodes), the admin role (with
 * {@code parley.admins} naming one more), and the audit log.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminIntegrationTests extends TwoNodeTest {

    private static final String CONFIGURED = "configuredadmin";

    private static TestUser admin;

    @BeforeAll
    static void anAdmin() {
        // the nodes of TwoNodeTest know nothing of parley.admins: restart them naming one configured admin
        node1.close();
        node2.close();
        node1 = Nodes.start("--parley.admins=" + CONFIGURED + ",someone-else");
        node2 = Nodes.start("--parley.admins=" + CONFIGURED + ",someone-else");
        admin = Nodes.newAdmin(node1, "admin");
    }

    @Test
    void meShowsEachCallersRole() {
        ParleyClient http = Nodes.client(node1);
        TestUser user = http.newUser("plain");
        assertThat(http.get("/api/users/me/", user.access()).body().get("role").asString())
                .isEqualTo("user");
        assertThat(http.get("/api/users/me/", admin.access()).body().get("role").asString())
                .isEqualTo("admin");
    }

    @Test
    void everyAdminOperationRefusesOtherUsers(CapturedOutput output) {
        ParleyClient http = Nodes.client(node2);
        TestUser user = http.newUser("nosy");
        MeterRegistry meters = node2.getBean(MeterRegistry.class);
        double refusedBefore = meters.counter("parley.admin.refusals").count();
        for (String[] call : List.of(
                new String[] {"GET", "/api/admin/users/"},
                new String[] {"GET", "/api/admin/users/" + user.id() + "/"},
                new String[] {"POST", "/api/admin/users/" + admin.id() + "/deactivate/"},
                new String[] {"POST", "/api/admin/users/" + user.id() + "/admin/"},
                new String[] {"POST", "/api/admin/users/" + admin.id() + "/password-reset/"},
                new String[] {"GET", "/api/admin/registration/"},
                new String[] {"POST", "/api/admin/invites/"},
                new String[] {"GET", "/api/admin/audit/"})) {
            Response refused = http.send(call[0], call[1], user.access(), call[0].equals("POST") ? "{}" : null);
            assertThat(refused.status()).as(call[1]).isEqualTo(403);
            assertThat(refused.code()).as(call[1]).isEqualTo("admin_only");
        }
        assertThat(http.get("/api/admin/users/" + admin.id() + "/", admin.access())
                        .body()
                        .get("active")
                        .asBoolean())
                .as("nothing was done")
                .isTrue();
        assertThat(http.get("/api/admin/users/", null).code()).isEqualTo("unauthenticated");
        assertThat(meters.counter("parley.admin.refusals").count() - refusedBefore)
                .as("every refusal counted")
                .isEqualTo(8);
        assertThat(output.getAll()
                        .lines()
                        .filter(line -> line.contains("Admin API refused to user " + user.id() + " ")))
                .as("logged once a minute per caller")
                .hasSize(1);
    }

    /** Two admins revoking (or deactivating) each other at the same moment: one wins, an admin always stays. */
    @Test
    void listsAndSearchesAccountsWithRoleLastSeenAndSessions() {
        ParleyClient http = Nodes.client(node1);
        TestUser user = http.newUser("findme");
        http.login(user.username(), user.password()); // a second session
        JsonNode found = http.get("/api/admin/users/?search=" + user.username(), admin.access())
                .body();
        assertThat(found).hasSize(1);
        JsonNode account = found.get(0);
        assertThat(account.get("id").asLong()).isEqualTo(user.id());
        assertThat(account.get("email").asString()).isEqualTo(user.username() + "@example.com");
        assertThat(account.get("role").asString()).isEqualTo("user");
        assertThat(account.get("active").asBoolean()).isTrue();
        assertThat(account.get("sessions").asInt()).isEqualTo(2);
        assertThat(account.get("last_seen_at").isNull()).isFalse();

        JsonNode page =
                http.get("/api/admin/users/?limit=2&offset=0", admin.access()).body();
        assertThat(page).hasSize(2);
        assertThat(page.get(0).get("id").asLong())
                .isLessThan(page.get(1).get("id").asLong());
        assertThat(http.get("/api/admin/users/?limit=0", admin.access()).code()).isEqualTo("invalid_request");
        assertThat(http.get("/api/admin/users/987654321/", admin.access()).code())
                .isEqualTo("user_not_found");
    }

    @Test
    void deactivationEndsTheSessionsAndClosesTheSocketsOnBothNodes() {
        ParleyClient one = Nodes.client(node1);
        ParleyClient two = Nodes.client(node2);
        Pair pair = one.pair();
        TestUser alice = pair.alice();
        TestUser phone = one.login(alice.username(), alice.password());
        try (Socket onOne = one.chatSocket(pair.conversation(), alice.access());
                Socket onTwo = two.connect("/ws/notifications/?token=" + phone.access(), null);
                Socket bobs = two.chatSocket(pair.conversation(), pair.bob().access())) {
            Response deactivated = two.post("/api/admin/users/" + alice.id() + "/deactivate/", admin.access(), null);
            assertThat(deactivated.status()).isEqualTo(200);
            assertThat(deactivated.body().get("active").asBoolean()).isFalse();
            assertThat(deactivated.body().get("sessions").asInt()).isZero();
            assertThat(onOne.awaitClose()).isEqualTo(4401);
            assertThat(onTwo.awaitClose()).isEqualTo(4401);
            assertThat(bobs.drain()).as("another user's socket stays").isEmpty();
        }
        assertThat(one.get("/api/users/me/", alice.access()).status()).isEqualTo(401);
        assertThat(two.get("/api/users/me/", phone.access()).status()).isEqualTo(401);
        assertThat(one.post("/auth/refresh/", null, Map.of("refresh", alice.refresh()))
                        .code())
                .isEqualTo("invalid_refresh_token");
        Response login =
                one.post("/auth/login/", null, Map.of("username", alice.username(), "password", alice.password()));
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.code()).isEqualTo("account_deactivated");
        assertThat(one.post("/auth/login/", null, Map.of("username", alice.username(), "password", "wrong-password"))
                        .code())
                .as("a wrong password says no more than for anyone")
                .isEqualTo("invalid_credentials");
        assertThat(one.get("/api/users/?search=" + alice.username(), pair.bob().access())
                        .body())
                .as("a deactivated account is not found by search")
                .isEmpty();

        assertThat(one.post("/api/admin/users/" + alice.id() + "/reactivate/", admin.access(), null)
                        .body()
                        .get("active")
                        .asBoolean())
                .isTrue();
        assertThat(one.login(alice.username(), alice.password()).access()).isNotBlank();
    }

    @Test
    void grantedAdminsUseTheApiAndRevokedOnesNoLonger() {
        ParleyClient http = Nodes.client(node2);
        TestUser helper = http.newUser("helper");
        assertThat(http.get("/api/admin/users/", helper.access()).status()).isEqualTo(403);
        assertThat(http.post("/api/admin/users/" + helper.id() + "/admin/", admin.access(), null)
                        .body()
                        .get("role")
                        .asString())
                .isEqualTo("admin");
        assertThat(Nodes.client(node1).get("/api/admin/users/", helper.access()).status())
                .as("at once, on the other node too")
                .isEqualTo(200);
        assertThat(http.send("DELETE", "/api/admin/users/" + helper.id() + "/admin/", admin.access(), null)
                        .body()
                        .get("role")
                        .asString())
                .isEqualTo("user");
        assertThat(Nodes.client(node1).get("/api/admin/users/", helper.access()).code())
                .isEqualTo("admin_only");
    }

    @Test
    void parleyAdminsNamesAdminsWhoseRoleCannotBeRevokedThroughTheApi() {
        ParleyClient http = Nodes.client(node1);
        Response squatted = http.post(
                "/auth/register/",
                null,
                Map.of(
                        "username",
                        CONFIGURED.toUpperCase(),
                        "email",
                        "squatter@example.com",
                        "password",
                        "squatter-pw"));
        assertThat(squatted.status())
                .as("whoever registered a name parley.admins lists would be an admin")
                .isEqualTo(409);
        assertThat(squatted.code()).isEqualTo("username_reserved");
        // what bin/parley admin create-user does
        node1.getBean(AccountAdministration.class)
                .create(CONFIGURED, CONFIGURED + "@example.com", "configured-pw", Role.USER);
        TestUser configured = http.login(CONFIGURED, "configured-pw");
        assertThat(http.get("/api/users/me/", configured.access())
                        .body()
                        .get("role")
                        .asString())
                .isEqualTo("admin");
        assertThat(http.get("/api/admin/registration/", configured.access()).status())
                .isEqualTo(200);
        assertThat(http.send("DELETE", "/api/admin/users/" + configured.id() + "/admin/", admin.access(), null)
                        .code())
                .isEqualTo("admin_by_configuration");
    }

    @Test
    void theAuditLogRecordsWhoDidWhatToWhom() {
        ParleyClient http = Nodes.client(node1);
        TestUser target = http.newUser("audited");
        http.post("/api/admin/users/" + target.id() + "/deactivate/", admin.access(), null);
        http.post("/api/admin/users/" + target.id() + "/reactivate/", admin.access(), null);
        JsonNode log = http.get("/api/admin/audit/?limit=2", admin.access()).body();
        assertThat(log).hasSize(2);
        assertThat(log.get(0).get("action").asString()).isEqualTo("reactivate");
        assertThat(log.get(1).get("action").asString()).isEqualTo("deactivate");
        assertThat(log.get(0).get("actor").asString()).isEqualTo(admin.username());
        assertThat(log.get(0).get("actor_id").asLong()).isEqualTo(admin.id());
        assertThat(log.get(0).get("target").asString()).isEqualTo(target.username());
        assertThat(log.get(0).get("target_user_id").asLong()).isEqualTo(target.id());
        JsonNode older = http.get(
                        "/api/admin/audit/?limit=1&before_id="
                                + log.get(0).get("id").asLong(),
                        admin.access())
                .body();
        assertThat(older.get(0).get("id").asLong())
                .isEqualTo(log.get(1).get("id").asLong());
        String metrics = http.getText("/actuator/prometheus");
        assertThat(metrics).contains("parley_admin_actions_total{action=\"deactivate\"}");
    }
}
