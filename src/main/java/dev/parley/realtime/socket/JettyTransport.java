package dev.parley.realtime.socket;

import dev.parley.realtime.delivery.SocketTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.springframework.web.socket.CloseStatus;

/**
 * {@link SocketTransport} on Jetty 12's WebSocket core. Each frame's UTF-8 bytes, encoded once for all its
 * sockets, go out as they are ({@link CoreSession#sendFrame} with a {@link OpCode#TEXT} frame over a
 * view of the shared buffer): no per-socket encoding. Frames are batched: Jetty gathers them into one
 * socket write until {@link #flush()}, or until {@value #FLUSH_BYTES} bytes wait, so what Jetty holds for
 * one socket stays bounded. A flush that is not written within {@code parley.websocket.send-time-limit}
 * fails, and the {@code Outbox} closes the socket as a slow consumer.
 */
final class JettyTransport implements SocketTransport {

    /** Bytes handed to Jetty after which the writer waits for them to be written before handing more. */
    static final int FLUSH_BYTES = 32 * 1024;

    private final String id;
    private final CoreSession core;
    private final long sendTimeLimitMs;
    private int unflushed;

    /**
     * @param id the socket's id, for logs
     * @param core Jetty's side of an open socket
     * @param sendTimeLimit how long a flush may wait to be written
     */
    JettyTransport(String id, CoreSession core, Duration sendTimeLimit) {
        this.id = id;
        this.core = core;
        this.sendTimeLimitMs = sendTimeLimit.toMillis();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isOpen() {
        return core.isOutputOpen();
    }

    @Override
    public void sendText(ByteBuffer utf8) throws IOException {
        ByteBuffer view = utf8.duplicate();
        unflushed += view.remaining();
        core.sendFrame(new Frame(OpCode.TEXT, view), Callback.NOOP, true);
        if (unflushed >= FLUSH_BYTES) {
            flush();
        }
    }

    @Override
    public void flush() throws IOException {
        unflushed = 0;
        FutureCallback written = new FutureCallback();
        core.flush(written);
        awaitWritten(written, sendTimeLimitMs);
    }

    /**
     * Waits until what Jetty was handed with {@code written} is written.
     *
     * @throws IOException when the write failed, or took longer than {@code limitMs} milliseconds
     */
    private static void awaitWritten(FutureCallback written, long limitMs) throws IOException {
        try {
            written.get(limitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("Not written within " + limitMs + " ms", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void ping() {
        core.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
    }

    @Override
    public void close(CloseStatus status) {
        core.close(status.getCode(), status.getReason(), Callback.NOOP);
    }
}
