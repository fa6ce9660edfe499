package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The realtime layer's meters at {@code /actuator/prometheus} move with what the sockets do. */
class RealtimeMetricsIntegrationTests extends DirectConversationTest {

    @Test
    void countsSocketsFramesLatenciesDuplicatesAndSendBatches() throws Exception {
        double framesBefore = value(scrape(), "parley_delivery_frames_total");
        double duplicatesBefore = value(scrape(), "parley_delivery_duplicates_total");
        try (Socket chat = client.chatSocket(conversation, alice.access());
                Socket stream = client.connect("/ws/notifications/?token=" + bob.access(), null)) {
            chat.drain();
            stream.drain();
            String open = scrape();
            assertThat(value(open, "parley_sockets_open{kind=\"chat\"}")).isGreaterThanOrEqualTo(1);
            assertThat(value(open, "parley_sockets_open{kind=\"stream\"}")).isGreaterThanOrEqualTo(1);
            Map<String, String> send = Map.of("type", "chat_message", "message", "counted", "client_id", "m-1");
            chat.sendJson(send);
            chat.next("message");
            stream.next("message");
            chat.sendJson(send); // the retry: the door drops it, as the socket already had it
            chat.drain();
        }
        String after = scrape();
        assertThat(value(after, "parley_delivery_frames_total")).isGreaterThanOrEqualTo(framesBefore + 2);
        assertThat(value(after, "parley_delivery_duplicates_total")).isGreaterThanOrEqualTo(duplicatesBefore + 1);
        assertThat(value(after, "parley_delivery_latency_seconds_count")).isGreaterThanOrEqualTo(2);
        assertThat(after).contains("parley_delivery_latency_seconds_bucket{");
        assertThat(value(after, "parley_send_batch_size_count")).isGreaterThanOrEqualTo(1);
        assertThat(after)
                .contains(
                        "parley_send_batch_seconds_count",
                        "parley_delivery_catchups_total",
                        "parley_delivery_gap_fills_total",
                        "parley_delivery_slow_consumer_closes_total",
                        "parley_broker_interruptions_total",
                        "parley_broker_publish_failures_total");
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(client.base() + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the first sample of {@code series}: a name, optionally with one label {@code {k="v"}}. */
    private static double value(String scrape, String series) {
        int brace = series.indexOf('{');
        String name = brace < 0 ? series : series.substring(0, brace);
        String label = brace < 0 ? "" : series.substring(brace + 1, series.length() - 1);
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$")
                .matcher(scrape);
        while (matcher.find()) {
            if (matcher.group(1) == null ? label.isEmpty() : matcher.group(1).contains(label)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError(series + " is not in the scrape");
    }
}
