package dev.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The server under test, through seed 000's API (so the same scenarios run against Parley and the Django
 * peer): register, log in, create direct conversations, conversation sockets; plus Parley's groups and
 * history pages where a scenario needs them.
 */
final class Target {

    /** A registered, logged-in user. */
    record User(long id, String username, String access) {}

    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private static final AtomicInteger USERS = new AtomicInteger();

    final URI base;
    final boolean parley;
    private final HttpClient http;

    Target(String url) throws IOException, InterruptedException {
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.parley = get("/asyncapi.yaml", null).statusCode() == 200;
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    String post(String path, String token, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request(path, token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException("POST " + path + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** Registers and logs in a fresh user. */
    User user(String prefix) throws IOException, InterruptedException {
        String username = prefix + RUN + "x" + USERS.incrementAndGet();
        String registered = post(
                "/auth/register/",
                null,
                "{\"username\":\"" + username + "\",\"email\":\"" + username + "@bench.example\",\"password\":"
                        + "\"bench-password-1\",\"name\":\"" + username + "\"}");
        String session = post(
                "/auth/login/", null, "{\"username\":\"" + username + "\",\"password\":\"bench-password-1\"}");
        return new User(Json.number(registered, "id"), username, Json.string(session, "access"));
    }

    /** {@code count} fresh users, registered in parallel (password hashing is the slow part). */
    List<User> users(String prefix, int count) throws InterruptedException {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<CompletableFuture<User>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return user(prefix);
                            } catch (IOException | InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        pool));
            }
            return futures.stream().map(CompletableFuture::join).collect(Collectors.toList());
        }
    }

    /** Creates (or gets) the direct conversation of {@code a} and {@code b}. */
    long direct(User a, User b) throws IOException, InterruptedException {
        return Json.number(post("/api/chats/conversations/create/", a.access(), "{\"user_id\":" + b.id() + "}"), "id");
    }

    /** A Parley group of {@code creator} and {@code members}. */
    long group(User creator, List<User> members, String title) throws IOException, InterruptedException {
        String ids = members.stream().map(u -> Long.toString(u.id())).collect(Collectors.joining(","));
        return Json.number(
                post("/api/chats/groups/", creator.access(), "{\"title\":" + Json.quote(title) + ",\"member_ids\":[" + ids + "]}"),
                "id");
    }

    /** Opens {@code /ws/chat/{conversation}/} as {@code user}. */
    CompletableFuture<Socket> chat(User user, long conversation, Socket.Handler handler) {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws/chat/" + conversation + "/?token="
                + user.access());
        return Socket.open(uri, base.toString(), handler)
                .orTimeout(60, java.util.concurrent.TimeUnit.SECONDS); // a handshake that never completes
    }

    /** The path of the newest page of 50 messages: Parley's history, or seed 000's detail (all messages). */
    String historyPath(long conversation) {
        return parley
                ? "/api/chats/conversations/" + conversation + "/messages/?limit=50"
                : "/api/chats/conversations/" + conversation + "/";
    }
}
