package dev.parley.bench;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client WebSocket of the load generator. Sends never block the caller (a queue, one send in flight
 * as the JDK requires); each complete text frame is handed to the {@link Handler} with the
 * {@link System#nanoTime()} at which it arrived.
 */
final class Socket implements WebSocket.Listener {

    interface Handler {
        void frame(Socket socket, String text, long arrivedNanos);
    }

    static final AtomicLong SEND_FAILURES = new AtomicLong();
    static final AtomicLong UNEXPECTED_CLOSES = new AtomicLong();

    private final Handler handler;
    private final ConcurrentLinkedQueue<String> outgoing = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile boolean closing;
    volatile WebSocket webSocket;
    /** Free for the scenario's own bookkeeping (say which side of a conversation this socket is). */
    volatile int role;

    Socket(Handler handler) {
        this.handler = handler;
    }

    void send(String text) {
        outgoing.add(text);
        pump();
    }

    private void pump() {
        while (!outgoing.isEmpty() && sending.compareAndSet(false, true)) {
            String next = outgoing.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            webSocket.sendText(next, true).whenComplete((ws, error) -> {
                if (error != null) {
                    SEND_FAILURES.incrementAndGet();
                }
                sending.set(false);
                pump();
            });
            return;
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.webSocket = webSocket;
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
            return null;
        }
        String text;
        if (partial.isEmpty()) {
            text = data.toString();
        } else {
            text = partial.append(data).toString();
            partial.setLength(0);
        }
        handler.frame(this, text, System.nanoTime());
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!closing) {
            UNEXPECTED_CLOSES.incrementAndGet();
        }
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!closing) {
            UNEXPECTED_CLOSES.incrementAndGet();
        }
        closed.complete(-1);
    }

    void close() {
        closing = true;
        WebSocket ws = webSocket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
    }
}
