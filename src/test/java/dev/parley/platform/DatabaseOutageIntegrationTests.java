package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Pair;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.Socket;
import dev.parley.support.TcpProxy;
import dev.parley.support.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL unreachable (a relay in front of it is cut, silently for an idle pool): REST, handshakes and socket
 * frames are answered 503 {@code service_unavailable} (the first once a probe confirmed the outage, the rest at
 * once), readiness goes DOWN while liveness stays UP, and everything works again once PostgreSQL is back.
 */
class DatabaseOutageIntegrationTests {

    private static TcpProxy proxy;
    private static ConfigurableApplicationContext node;

    @BeforeAll
    static void start() throws Exception {
        URI database = URI.create(TestDatabase.jdbcUrl().substring("jdbc:".length()));
        proxy = new TcpProxy(database.getPort());
        String url = TestDatabase.jdbcUrl().replace(":" + database.getPort() + "/", ":" + proxy.port() + "/");
        node = Nodes.start("--spring.datasource.url=" + url);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        proxy.close();
    }

    @Test
    void whilePostgresIsUnreachableEveryAnswerIs503AndReadinessIsDown() throws Exception {
        ParleyClient http = Nodes.client(node);
        Pair pair = http.pair();
        String messages = "/api/chats/conversations/" + pair.conversation() + "/messages/";
        MeterRegistry meters = node.getBean(MeterRegistry.class);
        double catchUpsBefore = meters.get("parley.delivery.catchups").counter().count();
        try (Socket socket = http.chatSocket(pair.conversation(), pair.alice().access())) {
            assertThat(socket.drain()).isEmpty();
            // the catch-ups (seqs and revisions) that follow the room's subscription are done: one under way
            // during the cut would close the socket with 1013
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            meters.get("parley.delivery.catchups").counter().count() >= catchUpsBefore + 2
                                    && meters.get("parley.delivery.catchups.running")
                                                    .gauge()
                                                    .value()
                                            == 0);
            proxy.cut();
            try {
                long start = System.nanoTime();
                Response send = http.post(messages, pair.alice().access(), Map.of("body", "during the outage"));
                System.out.printf("503 after %d ms%n", (System.nanoTime() - start) / 1_000_000);
                assertThat(send.status()).isEqualTo(503);
                assertThat(send.code()).isEqualTo("service_unavailable");
                assertThat(send.header("Retry-After")).isEqualTo("5");
                assertThat(http.get("/api/chats/conversations/", pair.bob().access())
                                .code())
                        .isEqualTo("service_unavailable");
                assertThat(http.post(
                                        "/auth/login/",
                                        null,
                                        Map.of(
                                                "username",
                                                pair.bob().username(),
                                                "password",
                                                pair.bob().password()))
                                .code())
                        .isEqualTo("service_unavailable");

                socket.sendJson(Map.of("type", "chat_message", "message", "during", "client_id", "o-1"));
                JsonNode error = socket.next("error");
                assertThat(error.get("code").asString()).isEqualTo("service_unavailable");
                assertThat(error.get("retry_after_ms").asLong()).isEqualTo(5_000);
                assertThat(socket.drain()).as("the socket stays open").isEmpty();
                assertThatThrownBy(() ->
                                http.chatSocket(pair.conversation(), pair.bob().access()))
                        .isInstanceOfSatisfying(
                                ParleyClient.HandshakeRefused.class,
                                refused -> assertThat(refused.status()).isEqualTo(503));

                Response readiness = http.get("/actuator/health/readiness", null);
                assertThat(readiness.status()).isEqualTo(503);
                assertThat(readiness.body().get("status").asString()).isEqualTo("DOWN");
                assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
                long asked = System.nanoTime();
                JsonNode health = http.get("/actuator/health", null).body();
                System.out.printf("health answered in %d ms%n", (System.nanoTime() - asked) / 1_000_000);
                assertThat(health.get("components")
                                .get("database")
                                .get("status")
                                .asString())
                        .isEqualTo("DOWN");
                assertThat(health.get("components").has("broker")).isTrue();
            } finally {
                proxy.restore();
            }
            awaitTrue(() -> http.get("/actuator/health/readiness", null).status() == 200);
            assertThat(http.post(messages, pair.alice().access(), Map.of("body", "after"))
                            .status())
                    .isEqualTo(201);
            assertThat(socket.next("message").get("message").get("body").asString())
                    .isEqualTo("after");
            socket.sendJson(Map.of("type", "chat_message", "message", "again", "client_id", "o-1"));
            JsonNode answer = socket.next(
                    frame -> !"typing_indicator".equals(frame.path("type").asString()));
            assertThat(answer.toString()).contains("\"body\":\"again\"");
        }
        assertThat(http.lastSeq(pair.bob(), pair.conversation()))
                .as("nothing half-stored during the outage")
                .isEqualTo(2);
    }

    private static void awaitTrue(BooleanSupplier condition) {
        await().atMost(java.time.Duration.ofSeconds(20)).until(condition::getAsBoolean);
    }
}
