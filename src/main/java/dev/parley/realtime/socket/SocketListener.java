package dev.parley.realtime.socket;

import org.springframework.web.socket.CloseStatus;

/**
 * What hears one open socket. {@link JettySocket} calls it on Jetty's thread, one call at a time, and reads
 * the socket's next frame only once a call returned.
 */
interface SocketListener {

    /** A whole text message: its fragments joined, its UTF-8 checked. */
    void text(String message);

    /** A binary message ended (Parley does not read its content). */
    void binary();

    /** The socket closed, by either side or because it failed; called once, last. */
    void closed(CloseStatus status);
}
