package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code deploy/grafana-dashboard.json} asks only for series a node serves: every metric name in its queries is
 * in {@code /actuator/prometheus}, and it covers the meters the operator's first hour needs.
 */
class GrafanaDashboardIntegrationTests extends IntegrationTest {

    private static final Pattern METRIC = Pattern.compile("\\b(parley_[a-z_]+|http_server_[a-z_]+|hikaricp_[a-z_]+)");

    @Test
    void everyQueriedMetricIsServed() throws Exception {
        JsonNode dashboard =
                JsonMapper.builder().build().readTree(Files.readString(Path.of("deploy/grafana-dashboard.json")));
        Set<String> queried = new TreeSet<>();
        dashboard
                .get("panels")
                .forEach(panel -> panel.get("targets").forEach(target -> {
                    Matcher names = METRIC.matcher(target.get("expr").asString());
                    while (names.find()) {
                        queried.add(names.group(1));
                    }
                }));
        client().get("/api/chats/unread-count/", null); // one HTTP request measured
        String served = client().getText("/actuator/prometheus");
        Set<String> missing = new TreeSet<>();
        for (String name : queried) {
            if (!Pattern.compile("(?m)^" + name + "[{ ]").matcher(served).find()) {
                missing.add(name);
            }
        }
        assertThat(missing).as("queried by the dashboard but not served").isEmpty();
        assertThat(queried)
                .contains(
                        "parley_logins_total",
                        "parley_registrations_total",
                        "parley_rate_limit_refusals_total",
                        "parley_uploads_bytes_count",
                        "parley_uploads_bytes_sum",
                        "parley_admin_actions_total",
                        "parley_sockets_open",
                        "parley_delivery_latency_seconds_bucket");
    }
}
