package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.TwoNodeTest;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Role changes that must not leave a server without an admin: two admins demoting or deactivating each other at
 * once on two nodes (row locks, the last active admin kept), and an admin's own account.
 */
class AdminRoleChangesIntegrationTests extends TwoNodeTest {

    private static TestUser admin;

    @BeforeAll
    static void anAdmin() {
        admin = Nodes.newAdmin(node1, "guardian");
    }

    @RepeatedTest(10)
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        ParleyClient one = Nodes.client(node1);
        ParleyClient two = Nodes.client(node2);
        TestUser a = one.newUser("rival");
        TestUser b = one.newUser("rival");
        for (TestUser rival : List.of(a, b)) {
            assertThat(one.post("/api/admin/users/" + rival.id() + "/admin/", admin.access(), null)
                            .status())
                    .isEqualTo(200);
        }
        boolean deactivate = ThreadLocalRandom.current().nextBoolean();
        String action = deactivate ? "/deactivate/" : "/admin/";
        String method = deactivate ? "POST" : "DELETE";
        CyclicBarrier together = new CyclicBarrier(2);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Response> aAgainstB = executor.submit(() -> {
                together.await();
                return one.send(method, "/api/admin/users/" + b.id() + action, a.access(), null);
            });
            Future<Response> bAgainstA = executor.submit(() -> {
                together.await();
                return two.send(method, "/api/admin/users/" + a.id() + action, b.access(), null);
            });
            List<Integer> statuses = java.util.stream.Stream.of(
                            aAgainstB.get().status(), bAgainstA.get().status())
                    .sorted()
                    .toList();
            assertThat(statuses.getFirst())
                    .as(method + " " + action + ": one wins")
                    .isEqualTo(200);
            assertThat(statuses.getLast())
                    .as("the other is refused: no longer an admin (403), or already deactivated (401)")
                    .isIn(401, 403);
        }
        long admins = List.of(a, b).stream()
                .map(rival -> one.get("/api/admin/users/" + rival.id() + "/", admin.access())
                        .body())
                .filter(account -> account.get("role").asString().equals("admin")
                        && account.get("active").asBoolean())
                .count();
        assertThat(admins).as("one of the two is still an active admin").isEqualTo(1);
    }

    @Test
    void anAdminCannotDeactivateOrDemoteThemselves() {
        ParleyClient http = Nodes.client(node1);
        assertThat(http.post("/api/admin/users/" + admin.id() + "/deactivate/", admin.access(), null)
                        .code())
                .isEqualTo("own_account");
        assertThat(http.send("DELETE", "/api/admin/users/" + admin.id() + "/admin/", admin.access(), null)
                        .code())
                .isEqualTo("own_account");
    }
}
