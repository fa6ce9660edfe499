package dev.parley.realtime.delivery;

import dev.parley.realtime.RealtimeProperties;
import dev.parley.realtime.protocol.CloseCodes;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

/**
 * A socket's outgoing frames. Queuing never blocks the caller: one virtual thread at a time writes the
 * queue out in order. More than {@code parley.websocket.send-buffer-bytes} queued, or one write blocked
 * longer than {@code send-time-limit}, closes the socket with {@link CloseCodes#SLOW_CONSUMER}; nobody
 * else waits for it. The close is written by the same writer, after the frame it may be writing.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** A frame to write, or (frame null) the close to write after everything queued before it. */
    private record Pending(Outgoing frame, CloseStatus close) {}

    private final SocketTransport transport;
    private final Executor writers;
    private final DeliveryMetrics metrics;
    private final long sendBufferBytes;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private volatile CloseStatus closeStatus = CloseCodes.GOING_AWAY;

    Outbox(SocketTransport transport, RealtimeProperties properties, Executor writers, DeliveryMetrics metrics) {
        this.transport = transport;
        this.sendBufferBytes = properties.sendBufferBytes();
        this.writers = writers;
        this.metrics = metrics;
    }

    /** Queues one frame and returns at once. */
    void send(Outgoing frame) {
        if (closing.get() || finishing.get()) {
            return;
        }
        if (queuedBytes.addAndGet(frame.bytes()) > sendBufferBytes) {
            log.info(
                    "Socket {} fell {} bytes behind; closing it as a slow consumer", transport.id(), queuedBytes.get());
            metrics.slowConsumerClosed();
            close(CloseCodes.SLOW_CONSUMER);
            return;
        }
        queue.add(new Pending(frame, null));
        wakeWriter();
    }

    /** Writes everything queued so far, then closes with {@code status}; later frames are dropped. */
    void finish(CloseStatus status) {
        if (!finishing.getAndSet(true)) {
            queue.add(new Pending(null, status));
            wakeWriter();
        }
    }

    private void wakeWriter() {
        if (writing.compareAndSet(false, true)) {
            writers.execute(this::write);
        }
    }

    /** Closes the socket with {@code status} and drops what is still queued; later frames are dropped. */
    void close(CloseStatus status) {
        closeStatus = status;
        if (closing.compareAndSet(false, true)) {
            queue.clear();
            if (writing.compareAndSet(false, true)) {
                writers.execute(this::write);
            }
        }
    }

    /** Sends a ping now, beside the queue (a ping may overtake queued frames); none once closing. */
    void ping() {
        if (!closing.get() && !finishing.get() && transport.isOpen()) {
            transport.ping();
        }
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
                queuedBytes.addAndGet(-next.frame().bytes());
                try {
                    transport.sendText(next.frame().utf8());
                    metrics.written(next.frame());
                } catch (IOException e) {
                    log.debug("Send to socket {} failed: {}", transport.id(), e.toString());
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
        if (transport.isOpen()) {
            try {
                transport.flush();
            } catch (IOException e) {
                log.debug("Flush to socket {} failed: {}", transport.id(), e.toString());
                closeStatus = CloseCodes.SLOW_CONSUMER;
                closing.set(true);
            }
        }
    }

    private void closeNow() {
        try {
            transport.close(closeStatus);
        } catch (IOException e) {
            log.debug("Close of socket {} failed: {}", transport.id(), e.toString());
        }
    }
}
