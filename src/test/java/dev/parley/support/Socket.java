package dev.parley.support;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A real WebSocket client connection that queues every frame it receives, for tests. */
public final class Socket implements WebSocket.Listener, AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket webSocket;
    private volatile boolean paused;

    void attach(WebSocket webSocket) {
        this.webSocket = webSocket;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(ParleyClient.JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        if (!paused) {
            ws.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Stops reading from the socket, like a client that cannot keep up; the server's frames pile up. */
    public void pause() {
        paused = true;
    }

    /** Reads again after {@link #pause()}. */
    public void unpause() {
        paused = false;
        webSocket.request(1);
    }

    /** Sends one text frame as is. */
    public Socket send(String text) {
        webSocket.sendText(text, true).join();
        return this;
    }

    /** Sends one text message as several frames, one per part (a fragmented message). */
    public Socket sendInParts(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            webSocket.sendText(parts[i], i == parts.length - 1).join();
        }
        return this;
    }

    /** Sends one text frame made of {@code json}. */
    public Socket sendJson(Object json) {
        return send(ParleyClient.JSON.writeValueAsString(json));
    }

    /** The next frame, or null when none arrives within {@code millis}. */
    public JsonNode poll(long millis) {
        try {
            return frames.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next frame, waiting up to 20 s. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + WAIT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The next frame, or null once the server has closed the socket and every frame has been read;
     * waits up to 20 s for either.
     */
    public JsonNode nextOrClosed() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                JsonNode frame = frames.poll(50, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    return frame;
                }
                if (closed.isDone() && frames.isEmpty()) {
                    return null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("neither a frame nor a close within " + WAIT);
    }

    /** Skips frames until one with {@code "type": type} arrives; answers it. */
    public JsonNode next(String type) {
        return next(frame -> type.equals(frame.path("type").asString()));
    }

    /** Skips frames until one matches; answers it. */
    public JsonNode next(Predicate<JsonNode> match) {
        while (true) {
            JsonNode frame = next();
            if (match.test(frame)) {
                return frame;
            }
        }
    }

    /** The seqs of the next {@code count} message frames, skipping other frames; waits up to 20 s for each. */
    public List<Long> seqs(int count) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seqs.add(next("message").get("message").get("seq").asLong());
        }
        return seqs;
    }

    /**
     * Sends a ping and answers every frame received before its pong: a barrier showing what the server
     * had sent to this socket by then.
     */
    public List<JsonNode> drain() {
        sendJson(java.util.Map.of("type", "ping"));
        List<JsonNode> before = new ArrayList<>();
        while (true) {
            JsonNode frame = next();
            if ("pong".equals(frame.path("type").asString())) {
                return before;
            }
            before.add(frame);
        }
    }

    /** The close code the server sent, waiting up to 20 s. */
    public int awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public boolean isOpen() {
        return !webSocket.isOutputClosed() && !webSocket.isInputClosed();
    }

    @Override
    public void close() {
        if (webSocket != null && !webSocket.isOutputClosed()) {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        ws.request(1);
        return null;
    }
}
