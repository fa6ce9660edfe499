package dev.parley.realtime.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.springframework.web.socket.CloseStatus;

/**
 * The outbound side of one socket in the web server, the only way the realtime layer writes to a
 * socket: a socket's {@link Outbox} calls it from one thread at a time. Everything the container does
 * its own way (batching, how long a write may take) stays behind it.
 */
public interface SocketTransport {

    /** The container's id of the socket, for logs. */
    String id();

    boolean isOpen();

    /**
     * Writes one text frame whose UTF-8 bytes are {@code utf8} (from its position to its limit; shared
     * with other sockets, so it is read through a view and never changed). May hold the frame back to
     * share a socket write with the next ones until {@link #flush()}.
     *
     * @throws IOException when the socket is gone, or the frames held back could not be written within
     *     {@code parley.websocket.send-time-limit}
     */
    void sendText(ByteBuffer utf8) throws IOException;

    /**
     * Writes out whatever {@link #sendText} held back and waits until it is written.
     *
     * @throws IOException when the socket is gone or the write took longer than
     *     {@code parley.websocket.send-time-limit}
     */
    void flush() throws IOException;

    /** Sends a ping frame (a heartbeat), without waiting for it to be written. */
    void ping();

    void close(CloseStatus status) throws IOException;
}
