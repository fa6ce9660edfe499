package dev.parley.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP and WebSocket client of one Parley server (JDK {@link HttpClient}), for tests. */
public final class ParleyClient {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** An answer: status, parsed JSON body (null when empty) and headers. */
    public record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        public Response(int status, JsonNode body) {
            this(status, body, java.net.http.HttpHeaders.of(java.util.Map.of(), (name, value) -> true));
        }

        /** The value of header {@code name}, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String code() {
            return body == null || body.get("code") == null
                    ? null
                    : body.get("code").asString();
        }
    }

    /** Two fresh users and their direct conversation. */
    public record Pair(TestUser alice, TestUser bob, long conversation) {}

    /** A registered, logged-in user. */
    public record TestUser(long id, String username, String password, String access, String refresh) {}

    private final String base;
    private final java.util.Map<String, String> headers;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ParleyClient(String base) {
        this(base, java.util.Map.of());
    }

    private ParleyClient(String base, java.util.Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    /**
     * This client as seen from {@code address}: every request and handshake says {@code X-Forwarded-For},
     * which a node with {@code server.forward-headers-strategy=native} takes as the client's address.
     */
    public ParleyClient from(String address) {
        return new ParleyClient(base, java.util.Map.of("X-Forwarded-For", address));
    }

    public String base() {
        return base;
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    /** The body of {@code GET path} as text (e.g. {@code /actuator/prometheus}), whatever its status. */
    public String getText(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(base + path)).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    public Response send(String method, String path, String token, String json) {
        return send(method, path, token, json, java.util.Map.of());
    }

    /** A request with extra headers. */
    public Response send(String method, String path, String token, String json, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        this.headers.forEach(request::header);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            ApiContract.check(
                    base,
                    method,
                    path,
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    body);
            return new Response(
                    response.statusCode(),
                    body == null || body.isBlank() ? null : JSON.readTree(body),
                    response.headers());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    /** Uploads {@code content} as multipart field {@code file}. */
    public Response upload(String token, String filename, String contentType, byte[] content) {
        String boundary = "parley-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/api/chats/attachments/"));
        headers.forEach(builder::header);
        HttpRequest request = builder.header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(content),
                        HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            ApiContract.check(
                    base,
                    "POST",
                    "/api/chats/attachments/",
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
            return new Response(
                    response.statusCode(), response.body().isBlank() ? null : JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException("upload failed", e);
        }
    }

    /** A raw GET: status, headers and body bytes. */
    public HttpResponse<byte[]> download(String path, String token) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException("download failed", e);
        }
    }

    /** Registers and logs in a fresh user with a unique username. */
    public TestUser newUser(String prefix) {
        String username = prefix + SEQUENCE.incrementAndGet();
        String password = "secret-" + username;
        Response registered = post(
                "/auth/register/",
                null,
                java.util.Map.of("username", username, "email", username + "@example.com", "password", password));
        if (registered.status() != 201) {
            throw new IllegalStateException("register failed: " + registered);
        }
        return login(username, password);
    }

    public TestUser login(String username, String password) {
        Response login = post("/auth/login/", null, java.util.Map.of("username", username, "password", password));
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        JsonNode body = login.body();
        return new TestUser(
                body.get("user").get("id").asLong(),
                username,
                password,
                body.get("access").asString(),
                body.get("refresh").asString());
    }

    /** Creates (or gets) the direct conversation of {@code a} and {@code b}; answers its id. */
    public long directConversation(TestUser a, TestUser b) {
        Response created = post("/api/chats/conversations/create/", a.access(), java.util.Map.of("user_id", b.id()));
        if (created.status() != 201 && created.status() != 200) {
            throw new IllegalStateException("create failed: " + created);
        }
        return created.body().get("id").asLong();
    }

    /** Registers alice and bob and creates their direct conversation. */
    public Pair pair() {
        TestUser alice = newUser("alice");
        TestUser bob = newUser("bob");
        return new Pair(alice, bob, directConversation(alice, bob));
    }

    /** {@code GET /api/chats/unread-count/} for {@code user}. */
    public long unreadCount(TestUser user) {
        return get("/api/chats/unread-count/", user.access())
                .body()
                .get("unread_count")
                .asLong();
    }

    /** Sends {@code body} over HTTP into a conversation. */
    public Response sendMessage(TestUser sender, long conversationId, String body) {
        return post(
                "/api/chats/conversations/" + conversationId + "/messages/",
                sender.access(),
                java.util.Map.of("body", body));
    }

    /** The conversation's newest seq, read through the detail view. */
    public long lastSeq(TestUser viewer, long conversationId) {
        return get("/api/chats/conversations/" + conversationId + "/", viewer.access())
                .body()
                .get("last_seq")
                .asLong();
    }

    /** Opens {@code /ws/chat/{id}/?token=} without an Origin header. */
    public Socket chatSocket(long conversationId, String token) {
        return connect("/ws/chat/" + conversationId + "/?token=" + token, null);
    }

    /**
     * Opens a WebSocket on {@code pathAndQuery}, optionally with an Origin header.
     *
     * @throws HandshakeRefused with the HTTP status when the server refuses the upgrade
     */
    public Socket connect(String pathAndQuery, String origin) {
        Socket socket = new Socket();
        var builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            socket.attach(builder.buildAsync(URI.create(base.replace("http", "ws") + pathAndQuery), socket)
                    .get(20, TimeUnit.SECONDS));
            return socket;
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new HandshakeRefused(refused.getResponse().statusCode());
            }
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server refused a WebSocket upgrade with {@code status}. */
    public static final class HandshakeRefused extends RuntimeException {
        private final int status;

        HandshakeRefused(int status) {
            super("handshake refused with HTTP " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
