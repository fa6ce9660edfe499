package dev.parley.realtime.delivery;

import java.io.IOException;
import org.springframework.web.socket.CloseStatus;

/**
 * The outbound side of one socket in the web server, the only way the realtime layer writes to a
 * socket: a socket's {@link Outbox} calls it from one thread at a time. Everything the container does
 * differently (batching, send time limits) stays behind it.
 */
public interface SocketTransport {

    /** The container's id of the socket, for logs. */
    String id();

    boolean isOpen();

    /**
     * Writes one text frame; may hold it back to share a socket write with the next ones until
     * {@link #flush()}.
     *
     * @throws IOException when the socket is gone or the write timed out
     */
    void sendText(String text) throws IOException;

    /** Writes out whatever {@link #sendText} held back. */
    void flush() throws IOException;

    void close(CloseStatus status) throws IOException;
}
