package dev.parley.realtime;

import dev.parley.realtime.protocol.CloseCodes;
import dev.parley.realtime.protocol.FrameException;
import dev.parley.shared.ErrorCode;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * One open socket of one user on one conversation.
 *
 * <p>Sending never blocks the caller: frames go into this socket's outbox, which one virtual thread at
 * a time writes out in order. A socket with more than {@code parley.websocket.send-buffer-bytes}
 * queued, or whose single write blocks longer than {@code send-time-limit}, is closed with
 * {@link CloseCodes#SLOW_CONSUMER} (its client reconnects and resumes); nobody else waits for it.
 *
 * <p>Also reassembles the client's fragmented frames up to {@code parley.websocket.max-frame-bytes}.
 */
final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final ExecutorService WRITERS = Executors.newVirtualThreadPerTaskExecutor();
    /** Tomcat's per-session limit for one blocking send, in milliseconds. */
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private record Pending(String frame, int bytes) {}

    private final WebSocketSession session;
    private final long userId;
    private final String username;
    private final long conversationId;
    private final int maxFrameBytes;
    private final long sendBufferBytes;
    private final Queue<Pending> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile CloseStatus closeStatus = CloseCodes.GOING_AWAY;
    private final Sequencer sequencer;
    private final StringBuilder partial = new StringBuilder();
    private long partialBytes;
    private boolean partialTooLarge;

    /**
     * @param startSeq the conversation's newest seq at handshake: the client is taken to have the messages
     *     up to it, and is sent every later one
     */
    Connection(
            WebSocketSession session,
            long userId,
            String username,
            long conversationId,
            long startSeq,
            RealtimeProperties properties,
            CatchUp catchUp) {
        this.session = session;
        this.userId = userId;
        this.username = username;
        this.conversationId = conversationId;
        this.maxFrameBytes = properties.maxFrameBytes();
        this.sendBufferBytes = properties.sendBufferBytes();
        this.sequencer = new Sequencer(startSeq, this::send, catchUp.fillerFor(this));
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof Session tomcat) {
            tomcat.getUserProperties()
                    .put(TOMCAT_SEND_TIMEOUT, properties.sendTimeLimit().toMillis());
        }
    }

    long userId() {
        return userId;
    }

    String username() {
        return username;
    }

    long conversationId() {
        return conversationId;
    }

    String id() {
        return session.getId();
    }

    /** This socket's message order. */
    Sequencer sequencer() {
        return sequencer;
    }

    /**
     * Delivers a frame from the broker: message frames ({@code seq > 0}) through the {@link Sequencer},
     * others straight away.
     */
    void deliver(long seq, String frame, int bytes) {
        if (seq > 0) {
            sequencer.offer(seq, frame, bytes);
        } else {
            send(frame, bytes);
        }
    }

    /** Queues one text frame; see {@link #send(String, int)}. */
    void send(String frame) {
        send(frame, frame.getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * Queues one text frame of {@code bytes} UTF-8 bytes and returns at once. Frames are written in
     * the order they were queued.
     */
    void send(String frame, int bytes) {
        if (closing.get()) {
            return;
        }
        if (queuedBytes.addAndGet(bytes) > sendBufferBytes) {
            log.info("Socket {} fell {} bytes behind; closing it as a slow consumer", id(), queuedBytes.get());
            close(CloseCodes.SLOW_CONSUMER);
            return;
        }
        outbox.add(new Pending(frame, bytes));
        if (writing.compareAndSet(false, true)) {
            WRITERS.execute(this::write);
        }
    }

    /**
     * Closes the socket with {@code status} and drops what is still queued; later sends are dropped. The
     * close is written by this socket's writer, after the frame it may be writing, never by the caller.
     */
    void close(CloseStatus status) {
        closeStatus = status;
        if (closing.compareAndSet(false, true)) {
            outbox.clear();
            if (writing.compareAndSet(false, true)) {
                WRITERS.execute(this::write);
            }
        }
    }

    /** The writer: one at a time per socket, in queue order; the close, once asked for, is its last step. */
    private void write() {
        while (true) {
            if (closing.get()) {
                closeNow(); // "writing" stays set: nothing is written after the close
                return;
            }
            Pending next = outbox.poll();
            if (next != null) {
                queuedBytes.addAndGet(-next.bytes());
                try {
                    session.sendMessage(new TextMessage(next.frame()));
                } catch (IOException | IllegalStateException e) {
                    log.debug("Send to socket {} failed: {}", id(), e.toString());
                    closeStatus = CloseCodes.SLOW_CONSUMER;
                    closing.set(true);
                }
                continue;
            }
            writing.set(false);
            boolean more = closing.get() || !outbox.isEmpty();
            if (!more || !writing.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void closeNow() {
        try {
            session.close(closeStatus);
        } catch (IOException | IllegalStateException e) {
            log.debug("Close of socket {} failed: {}", id(), e.toString());
        }
    }

    /**
     * Adds a fragment of the client's current frame.
     *
     * @return the whole frame when {@code last}, null before
     * @throws FrameException {@code frame_too_large} when the completed frame exceeded the limit; its
     *     text was discarded as it arrived
     */
    String append(String fragment, boolean last) {
        if (!partialTooLarge) {
            partialBytes += fragment.isEmpty() ? 0 : fragment.getBytes(StandardCharsets.UTF_8).length;
            if (partialBytes > maxFrameBytes) {
                partialTooLarge = true;
                partial.setLength(0);
            } else {
                partial.append(fragment);
            }
        }
        if (!last) {
            return null;
        }
        boolean tooLarge = partialTooLarge;
        String frame = partial.toString();
        partial.setLength(0);
        partial.trimToSize();
        partialBytes = 0;
        partialTooLarge = false;
        if (tooLarge) {
            throw new FrameException(
                    ErrorCode.FRAME_TOO_LARGE, "Frames are limited to " + maxFrameBytes + " bytes", null);
        }
        return frame;
    }
}
