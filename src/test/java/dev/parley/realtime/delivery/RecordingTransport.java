package dev.parley.realtime.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.web.socket.CloseStatus;

/**
 * A {@link SocketTransport} that keeps what it was asked to write, for unit tests of the delivery layer: the
 * frames written (as text), flushes, pings and the close. {@link #failWrites} makes every write fail as a
 * socket that is gone does.
 */
public final class RecordingTransport implements SocketTransport {

    public final List<String> written = new CopyOnWriteArrayList<>();
    volatile int flushes;
    volatile int pings;
    public volatile CloseStatus closed;
    volatile boolean failWrites;

    @Override
    public String id() {
        return "test-socket";
    }

    @Override
    public boolean isOpen() {
        return closed == null;
    }

    @Override
    public void sendText(ByteBuffer utf8) throws IOException {
        if (failWrites) {
            throw new IOException("socket gone");
        }
        written.add(StandardCharsets.UTF_8.decode(utf8.duplicate()).toString());
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void ping() {
        pings++;
    }

    @Override
    public void close(CloseStatus status) {
        closed = status;
    }
}
