package dev.parley.realtime;

import dev.parley.realtime.protocol.CloseCodes;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * A socket's outgoing frames. Queuing never blocks the caller: one virtual thread at a time writes the
 * queue out in order. More than {@code parley.websocket.send-buffer-bytes} queued, or one write blocked
 * longer than {@code send-time-limit}, closes the socket with {@link CloseCodes#SLOW_CONSUMER}; nobody
 * else waits for it. The close is written by the same writer, after the frame it may be writing.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final ExecutorService WRITERS = Executors.newVirtualThreadPerTaskExecutor();
    /** Tomcat's per-session limit for one blocking send, in milliseconds. */
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    /** A frame to write, or (frame null) the close to write after everything queued before it. */
    private record Pending(String frame, int bytes, CloseStatus close) {}

    private final WebSocketSession session;
    private final long sendBufferBytes;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private volatile CloseStatus closeStatus = CloseCodes.GOING_AWAY;
    /** The container's endpoint, with batching on: queued frames share socket writes until flushed. */
    private final RemoteEndpoint.Basic batched;

    Outbox(WebSocketSession session, RealtimeProperties properties) {
        this.session = session;
        this.sendBufferBytes = properties.sendBufferBytes();
        RemoteEndpoint.Basic basic = null;
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof Session tomcat) {
            tomcat.getUserProperties()
                    .put(TOMCAT_SEND_TIMEOUT, properties.sendTimeLimit().toMillis());
            basic = tomcat.getBasicRemote();
            try {
                basic.setBatchingAllowed(true);
            } catch (IOException e) {
                basic = null;
            }
        }
        this.batched = basic;
    }

    /** Queues one text frame of {@code bytes} UTF-8 bytes and returns at once. */
    void send(String frame, int bytes) {
        if (closing.get() || finishing.get()) {
            return;
        }
        if (queuedBytes.addAndGet(bytes) > sendBufferBytes) {
            log.info(
                    "Socket {} fell {} bytes behind; closing it as a slow consumer",
                    session.getId(),
                    queuedBytes.get());
            close(CloseCodes.SLOW_CONSUMER);
            return;
        }
        queue.add(new Pending(frame, bytes, null));
        wakeWriter();
    }

    /** Writes everything queued so far, then closes with {@code status}; later frames are dropped. */
    void finish(CloseStatus status) {
        if (!finishing.getAndSet(true)) {
            queue.add(new Pending(null, 0, status));
            wakeWriter();
        }
    }

    private void wakeWriter() {
        if (writing.compareAndSet(false, true)) {
            WRITERS.execute(this::write);
        }
    }

    /** Closes the socket with {@code status} and drops what is still queued; later frames are dropped. */
    void close(CloseStatus status) {
        closeStatus = status;
        if (closing.compareAndSet(false, true)) {
            queue.clear();
            if (writing.compareAndSet(false, true)) {
                WRITERS.execute(this::write);
            }
        }
    }

    boolean isClosing() {
        return closing.get();
    }

    /**
     * The writer: one at a time per socket, in queue order; the close, once asked for, is its last step.
     * Frames queued together go out in shared socket writes: the batch is flushed whenever the queue is
     * empty, and before the close.
     */
    private void write() {
        while (true) {
            if (closing.get()) {
                flush();
                closeNow(); // "writing" stays set: nothing is written after the close
                return;
            }
            Pending next = queue.poll();
            if (next != null && next.close() != null) {
                closeStatus = next.close();
                closing.set(true);
                continue;
            }
            if (next != null) {
                queuedBytes.addAndGet(-next.bytes());
                try {
                    session.sendMessage(new TextMessage(next.frame()));
                } catch (IOException | IllegalStateException e) {
                    log.debug("Send to socket {} failed: {}", session.getId(), e.toString());
                    closeStatus = CloseCodes.SLOW_CONSUMER;
                    closing.set(true);
                }
                continue;
            }
            flush();
            writing.set(false);
            boolean more = closing.get() || !queue.isEmpty();
            if (!more || !writing.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void flush() {
        if (batched != null && session.isOpen()) {
            try {
                batched.flushBatch();
            } catch (IOException | IllegalStateException e) {
                log.debug("Flush to socket {} failed: {}", session.getId(), e.toString());
                closeStatus = CloseCodes.SLOW_CONSUMER;
                closing.set(true);
            }
        }
    }

    private void closeNow() {
        try {
            session.close(closeStatus);
        } catch (IOException | IllegalStateException e) {
            log.debug("Close of socket {} failed: {}", session.getId(), e.toString());
        }
    }
}
