package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.SendAnswers.Answer;
import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Pair;
import dev.parley.support.Socket;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL stops under load (SPEC "Guarantees": an unavailable database is answered fast): two nodes sharing
 * Redis and a PostgreSQL of this test's own, 20 senders (10 over sockets, 10 over REST, each on one node and
 * received on the other) at 10 sends/s each, 200 sends/s in all. PostgreSQL is stopped twice, a fast shutdown and
 * an immediate one (SIGINT, SIGQUIT to the postmaster), for several seconds each, and started again. Every send is
 * answered (stored, or 503 {@code service_unavailable}) within a second, and after each return the first message
 * is stored and delivered within two seconds. The answer times during the outages are printed.
 */
class DatabaseOutageUnderLoadIntegrationTests {

    private static final int SENDERS_PER_KIND = 10;
    private static final Duration SEND_EVERY = Duration.ofMillis(100);
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    private static Path data;
    private static int port;
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext node1;
    private static ConfigurableApplicationContext node2;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("parley-outage-pg");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        postgres = startPostgres();
        String url = "--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres";
        node1 = Nodes.start(url);
        node2 = Nodes.start(url);
    }

    @AfterAll
    static void stop() throws IOException {
        node1.close();
        node2.close();
        postgres.close();
    }

    /**
     * A durable PostgreSQL, as production's must be: zonky's default {@code synchronous_commit=off} would lose
     * acknowledged messages in the immediate (crash) stop, and their seqs would be handed out again.
     */
    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
    }

    @Test
    void everySendIsAnsweredWithinASecondThroughStopsOfPostgresAndTheFirstAfterItsReturnWithinTwo() throws Exception {
        ParleyClient http1 = Nodes.client(node1);
        ParleyClient http2 = Nodes.client(node2);
        SendAnswers answers = new SendAnswers();
        Map<String, Long> delivered = new ConcurrentHashMap<>();
        List<AutoCloseable> sockets = new ArrayList<>();
        List<Runnable> senders = new ArrayList<>();
        for (int i = 0; i < 2 * SENDERS_PER_KIND; i++) {
            boolean overSocket = i < SENDERS_PER_KIND;
            ParleyClient near = i % 2 == 0 ? http1 : http2;
            ParleyClient far = i % 2 == 0 ? http2 : http1;
            Pair pair = near.pair();
            Socket receiver = far.chatSocket(pair.conversation(), pair.bob().access());
            sockets.add(receiver);
            String name = (overSocket ? "socket-" : "rest-") + i;
            if (overSocket) {
                Socket socket =
                        near.chatSocket(pair.conversation(), pair.alice().access());
                sockets.add(socket);
                senders.add(() -> sendOverSocket(name, socket, answers));
            } else {
                String url = near.base() + "/api/chats/conversations/" + pair.conversation() + "/messages/";
                senders.add(() -> sendOverRest(name, url, pair.alice().access(), answers));
            }
            Thread.ofVirtual().name("receiver-" + name).start(() -> receive(receiver, delivered));
        }
        answers.running = true;
        List<Outage> outages = new ArrayList<>();
        try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
            senders.forEach(load::execute);
            Thread.sleep(3_000);
            outages.add(outage("fast", answers));
            Thread.sleep(3_000);
            outages.add(outage("immediate", answers));
            Thread.sleep(3_000);
            answers.running = false;
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS))
                    .as("every sender got its last answer")
                    .isTrue();
        } finally {
            for (AutoCloseable socket : sockets) {
                socket.close();
            }
        }

        List<Answer> all = new ArrayList<>(answers.all);
        Answer slowest =
                all.stream().max(Comparator.comparingLong(Answer::millis)).orElseThrow();
        System.out.printf("All %d sends: %s; slowest %s%n", all.size(), SendAnswers.distribution(all), slowest);
        for (Outage outage : outages) {
            List<Answer> during = all.stream()
                    .filter(a -> a.sentAt() >= outage.stoppedAt() && a.sentAt() < outage.backAt())
                    .toList();
            System.out.printf(
                    "PostgreSQL %s stop: %d sends while it was down, answered %s; %s%n",
                    outage.mode(), during.size(), SendAnswers.distribution(during), SendAnswers.outcomes(during));
            assertThat(during.size())
                    .as(outage.mode() + ": sends during the outage")
                    .isGreaterThan(500);
            assertThat(during)
                    .as(outage.mode() + ": answered 503 while PostgreSQL was down")
                    .anyMatch(a -> a.outcome().equals("service_unavailable"));
            long firstRoundTrip = all.stream()
                    .filter(a -> a.sentAt() >= outage.backAt() && a.outcome().equals("stored"))
                    .map(a -> delivered.get(a.sender() + "/" + a.sentAt()))
                    .filter(java.util.Objects::nonNull)
                    .min(Comparator.naturalOrder())
                    .map(at -> (at - outage.backAt()) / 1_000_000)
                    .orElse(Long.MAX_VALUE);
            System.out.printf(
                    "PostgreSQL %s stop: the first message after its return was delivered %d ms after it accepted"
                            + " connections again%n",
                    outage.mode(), firstRoundTrip);
            assertThat(firstRoundTrip)
                    .as(outage.mode() + ": the first round trip after PostgreSQL is back, in ms")
                    .isLessThanOrEqualTo(2_000);
        }
        assertThat(all.size()).as("about 200 sends a second for 27 s").isGreaterThan(4_000);
        assertThat(all)
                .allSatisfy(answer ->
                        assertThat(answer.outcome()).as(answer.toString()).isIn("stored", "service_unavailable"));
        assertThat(slowest.millis())
                .as("the longest wait for an answer, in ms: " + slowest)
                .isLessThanOrEqualTo(1_000);
    }

    /** When PostgreSQL stopped and when it accepted connections again (ns). */
    record Outage(String mode, long stoppedAt, long backAt) {}

    /** Stops PostgreSQL ({@code fast}: SIGINT, {@code immediate}: SIGQUIT), keeps it down, starts it again. */
    private static Outage outage(String mode, SendAnswers answers) throws Exception {
        long pid = Long.parseLong(
                Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        long stoppedAt = System.nanoTime();
        new ProcessBuilder("kill", mode.equals("fast") ? "-INT" : "-QUIT", Long.toString(pid))
                .start()
                .waitFor();
        postmaster.onExit().get(30, TimeUnit.SECONDS);
        postgres.close(); // releases the data directory (pg_ctl finds nothing left to stop)
        Thread.sleep(OUTAGE.toMillis());
        postgres = startPostgres();
        long backAt = System.nanoTime();
        return new Outage(mode, stoppedAt, backAt);
    }

    private static void sendOverSocket(String name, Socket socket, SendAnswers answers) {
        for (long n = 0; answers.running; n++) {
            long sentAt = System.nanoTime();
            String clientId = name + "/" + sentAt;
            socket.sendJson(Map.of("type", "chat_message", "message", "load " + n, "client_id", clientId));
            String outcome = "no answer within 15 s";
            long deadline = sentAt + 15_000_000_000L;
            while (System.nanoTime() < deadline) {
                JsonNode frame = socket.poll(50);
                if (frame == null) {
                    if (!socket.isOpen()) {
                        outcome = "socket closed";
                        break;
                    }
                    continue;
                }
                if (frame.path("type").asString().equals("message")
                        && clientId.equals(
                                frame.path("message").path("client_id").asString(""))) {
                    outcome = "stored";
                    break;
                }
                if (frame.path("type").asString().equals("error")
                        && clientId.equals(frame.path("client_id").asString(""))) {
                    outcome = frame.path("code").asString();
                    break;
                }
            }
            answers.add(new Answer(name, sentAt, System.nanoTime(), outcome));
            pace(sentAt);
        }
    }

    private static void sendOverRest(String name, String url, String token, SendAnswers answers) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (long n = 0; answers.running; n++) {
            long sentAt = System.nanoTime();
            String clientId = name + "/" + sentAt;
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"body\":\"load " + n + "\",\"client_id\":\"" + clientId + "\"}"))
                    .build();
            String outcome;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                outcome = switch (response.statusCode()) {
                    case 201 -> "stored";
                    case 503 -> response.body().contains("\"service_unavailable\"") ? "service_unavailable" : "503";
                    default -> "HTTP " + response.statusCode() + " " + response.body();
                };
            } catch (IOException e) {
                outcome = "no answer: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            answers.add(new Answer(name, sentAt, System.nanoTime(), outcome));
            pace(sentAt);
        }
    }

    /** Records when each message reached its recipient's socket on the other node, by sender and send time. */
    private static void receive(Socket socket, Map<String, Long> delivered) {
        while (socket.isOpen()) {
            JsonNode frame = socket.poll(200);
            if (frame != null && frame.path("type").asString().equals("message")) {
                String clientId = frame.path("message").path("client_id").asString("");
                delivered.putIfAbsent(clientId, System.nanoTime());
            }
        }
    }

    private static void pace(long sentAt) {
        long next = sentAt + SEND_EVERY.toNanos();
        long wait = next - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
