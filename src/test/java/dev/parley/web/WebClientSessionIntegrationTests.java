package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Pair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * parley-client.js in Chromium keeps its socket through several access-token lifetimes (4 s here): it
 * refreshes the token before expiry and hands the new one to the open socket, which the server would
 * otherwise close with 4401.
 */
@EnabledIf("chromiumInstalled")
class WebClientSessionIntegrationTests {

    private static BrowserNode started;

    static boolean chromiumInstalled() {
        return Chromium.installed();
    }

    @BeforeAll
    static void start() {
        started = BrowserNode.start(new Class<?>[0], "--parley.jwt.access-token-ttl=4s");
    }

    @AfterAll
    static void stop() {
        if (started != null) {
            started.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLibrarysSocketOutlivesItsAccessTokens() {
        ParleyClient http = Nodes.client(started.node());
        Pair pair = http.pair();
        Page page = started.browser().newContext().newPage();
        page.navigate(http.base() + "/");
        Map<String, Object> result = (Map<String, Object>) page.evaluate(
                """
                async ({ username, password, conversation }) => {
                  const { ParleyClient } = await import('/parley-client.js');
                  const client = new ParleyClient();
                  const states = [];
                  const frames = [];
                  client.on('connection', (state) => states.push(state));
                  client.on('authenticated', (frame) => frames.push(frame.type));
                  await client.login(username, password);
                  await client.connect();
                  await new Promise((resolve) => setTimeout(resolve, 10_000)); // two and a half token lifetimes
                  const sent = await client.send(conversation, 'still here');
                  return { states, authenticated: frames.length, seq: sent.seq };
                }""",
                Map.of(
                        "username", pair.alice().username(),
                        "password", pair.alice().password(),
                        "conversation", (int) pair.conversation()));
        assertThat((List<String>) result.get("states"))
                .as("connected once, never dropped")
                .containsExactly("connecting", "connected");
        assertThat((Integer) result.get("authenticated")).isGreaterThanOrEqualTo(2);
        assertThat(((Number) result.get("seq")).longValue()).isEqualTo(1);
    }
}
