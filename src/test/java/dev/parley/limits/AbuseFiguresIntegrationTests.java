package dev.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Pair;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The figures of the README's Security section, measured as an attacker would on two nodes with the
 * default limits: a flood of sends over REST and a socket, password guessing, the timing of an unknown user
 * against a wrong password, and logout → socket closed and token refused on the other node. A measurement,
 * not a check of speed: it runs only with {@code -Dparley.figures=true} and prints its figures.
 */
@EnabledIfSystemProperty(named = "parley.figures", matches = "true")
class AbuseFiguresIntegrationTests {

    @Test
    void measureWhatAnAttackerMeets() {
        String[] defaults = {"--parley.rate-limits.enabled=true", "--server.forward-headers-strategy=native"};
        ConfigurableApplicationContext one = Nodes.start(defaults);
        ConfigurableApplicationContext two = Nodes.start(defaults);
        try {
            ParleyClient first = Nodes.client(one).from("203.0.113.1");
            ParleyClient second = Nodes.client(two).from("203.0.113.2");
            Pair pair = first.pair();

            Map<Integer, Integer> statuses = new TreeMap<>();
            long start = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                statuses.merge(
                        first.sendMessage(pair.alice(), pair.conversation(), "rest " + i)
                                .status(),
                        1,
                        Integer::sum);
            }
            System.out.printf(
                    "FIGURE 300 REST sends in %d ms: %s; stored %d%n",
                    millisSince(start), statuses, first.lastSeq(pair.bob(), pair.conversation()));

            long before = first.lastSeq(pair.bob(), pair.conversation());
            int acknowledged = 0;
            int refused = 0;
            try (Socket socket =
                    second.chatSocket(pair.conversation(), pair.bob().access())) {
                start = System.nanoTime();
                for (int i = 0; i < 300; i++) {
                    socket.sendJson(Map.of("type", "chat_message", "message", "ws " + i, "client_id", "w" + i));
                }
                for (JsonNode frame = socket.nextOrClosed(); frame != null; frame = socket.nextOrClosed()) {
                    String type = frame.path("type").asString();
                    acknowledged += type.equals("message")
                                    && frame.get("message").get("sender").asLong()
                                            == pair.bob().id()
                            ? 1
                            : 0;
                    refused += "rate_limited".equals(frame.path("code").asString()) ? 1 : 0;
                }
                System.out.printf(
                        "FIGURE 300 socket sends: %d acknowledged, %d rate_limited, closed %d after %d ms; stored %d%n",
                        acknowledged,
                        refused,
                        socket.awaitClose(),
                        millisSince(start),
                        first.lastSeq(pair.bob(), pair.conversation()) - before);
            }

            TestUser victim = Nodes.client(one).from("203.0.114.1").newUser("victim");
            statuses.clear();
            for (int i = 0; i < 50; i++) {
                ParleyClient guesser = Nodes.client(i % 2 == 0 ? one : two).from("203.0.115." + i);
                statuses.merge(
                        guesser.post(
                                        "/auth/login/",
                                        null,
                                        Map.of("username", victim.username(), "password", "guess-" + i))
                                .status(),
                        1,
                        Integer::sum);
            }
            System.out.println("FIGURE 50 wrong passwords from 50 addresses on both nodes: " + statuses);

            List<Long> wrong = new ArrayList<>();
            List<Long> unknown = new ArrayList<>();
            for (int i = 0; i < 40; i++) { // interleaved, each guess from its own address and username
                boolean known = i % 2 == 0;
                String username = known
                        ? Nodes.client(one)
                                .from("203.0.116." + i)
                                .newUser("timing")
                                .username()
                        : "ghost-" + i + "-" + System.nanoTime();
                ParleyClient guesser = Nodes.client(one).from("203.0.117." + i);
                start = System.nanoTime();
                int status = guesser.post("/auth/login/", null, Map.of("username", username, "password", "wrong-one"))
                        .status();
                (known ? wrong : unknown).add((System.nanoTime() - start) / 1000);
                assertThat(status).isEqualTo(401);
            }
            wrong.sort(null);
            unknown.sort(null);
            System.out.printf(
                    "FIGURE 401 in µs, median (min–max): wrong password %d (%d–%d), unknown user %d (%d–%d)%n",
                    wrong.get(10),
                    wrong.getFirst(),
                    wrong.getLast(),
                    unknown.get(10),
                    unknown.getFirst(),
                    unknown.getLast());

            List<Long> closed = new ArrayList<>();
            List<Long> refusedAfter = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                TestUser session =
                        first.login(pair.alice().username(), pair.alice().password());
                try (Socket socket = second.chatSocket(pair.conversation(), session.access())) {
                    socket.drain();
                    second.get("/api/users/me/", session.access()); // node 2 has read the session as live
                    start = System.nanoTime();
                    first.post("/auth/logout/", session.access(), Map.of("refresh", session.refresh()));
                    assertThat(socket.awaitClose()).isEqualTo(4401);
                    closed.add(millisSince(start));
                    while (second.get("/api/users/me/", session.access()).status() != 401) {
                        Thread.onSpinWait();
                    }
                    refusedAfter.add(millisSince(start));
                }
            }
            System.out.println("FIGURE logout on node 1 → socket closed on node 2, ms: " + closed);
            System.out.println("FIGURE logout on node 1 → access token refused on node 2, ms: " + refusedAfter);
        } finally {
            one.close();
            two.close();
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
