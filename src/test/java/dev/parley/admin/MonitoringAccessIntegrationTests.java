package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.RawHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Who sees the operator's views: {@code /actuator/prometheus} for admins, the node's own machine and the
 * metrics key; health components for admins and loopback.
 */
class MonitoringAccessIntegrationTests {

    private static ConfigurableApplicationContext node1;
    private static TestUser admin;

    @BeforeAll
    static void start() {
        node1 = Nodes.start();
        admin = Nodes.newAdmin(node1, "monitor");
    }

    @AfterAll
    static void stop() {
        node1.close();
    }

    @Test
    void metricsAreServedToAdminsThisMachineAndTheMetricsKeyOnly() {
        ParleyClient http = Nodes.client(node1);
        TestUser user = http.newUser("scraper");
        String base = http.base();
        Map<String, String> proxied = Map.of("X-Forwarded-For", "203.0.113.9");
        assertThat(RawHttp.request(base, "GET", "/actuator/prometheus", Map.of(), null)
                        .body())
                .as("over loopback")
                .contains("parley_admin_actions_total");
        for (String spelling : List.of("/actuator/prometheus", "/actuator/%70rometheus", "/actuator/prometheus/")) {
            assertThat(RawHttp.request(base, "GET", spelling, proxied, null).status())
                    .as("through a proxy, without a token: " + spelling)
                    .isIn(401, 404);
        }
        assertThat(RawHttp.request(base, "GET", "/actuator/prometheus", with(proxied, "Bearer " + user.access()), null)
                        .status())
                .as("a user")
                .isEqualTo(403);
        RawHttp.Response asAdmin =
                RawHttp.request(base, "GET", "/actuator/prometheus", with(proxied, "Bearer " + admin.access()), null);
        assertThat(asAdmin.status()).isEqualTo(200);
        assertThat(asAdmin.body()).contains("parley_admin_actions_total");

        try (ConfigurableApplicationContext keyed = Nodes.start("--parley.metrics.key=scrape-key-0123456789")) {
            String keyedBase = Nodes.client(keyed).base();
            Map<String, String> withKey = new java.util.HashMap<>(proxied);
            withKey.put("X-Parley-Metrics-Key", "scrape-key-0123456789");
            assertThat(RawHttp.request(keyedBase, "GET", "/actuator/prometheus", withKey, null)
                            .status())
                    .as("a Prometheus on another host, with the metrics key")
                    .isEqualTo(200);
            assertThat(RawHttp.request(keyedBase, "GET", "/api/users/me/", withKey, null)
                            .status())
                    .as("the metrics key opens nothing else")
                    .isEqualTo(401);
            withKey.put("X-Parley-Metrics-Key", "scrape-key-wrong");
            assertThat(RawHttp.request(keyedBase, "GET", "/actuator/prometheus", withKey, null)
                            .status())
                    .isEqualTo(401);
        }
    }

    private static Map<String, String> with(Map<String, String> headers, String authorization) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", authorization);
        return all;
    }

    @Test
    void healthComponentsAreShownToAdminsAndLoopbackOnly() {
        ParleyClient http = Nodes.client(node1);
        TestUser user = http.newUser("healthy");
        ParleyClient proxied = http.from("203.0.113.9");
        assertThat(http.get("/actuator/health", null).body().get("components").has("broker"))
                .as("over loopback")
                .isTrue();
        assertThat(http.get("/actuator/health/broker", null).status()).isEqualTo(200);
        assertThat(proxied.get("/actuator/health", null).body().has("components"))
                .as("through a proxy, without a token")
                .isFalse();
        assertThat(proxied.get("/actuator/health", user.access()).body().has("components"))
                .as("through a proxy, a user")
                .isFalse();
        assertThat(proxied.get("/actuator/health", admin.access())
                        .body()
                        .get("components")
                        .has("database"))
                .as("through a proxy, an admin")
                .isTrue();
    }
}
