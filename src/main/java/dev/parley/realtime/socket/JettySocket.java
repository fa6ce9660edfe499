package dev.parley.realtime.socket;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

/**
 * One socket on Jetty's WebSocket core, between Jetty and a Parley {@link SocketEndpoint}: it opens the
 * socket at the endpoint with a {@link JettyTransport} over the same Jetty session, and hands the
 * {@link SocketListener} the endpoint answered each whole message and the close. It keeps what a socket needs
 * and nothing of its handshake: no request, no copy of the headers, no principal (Jetty's and Spring's own
 * adapters keep all three for the socket's life, about 10 kB). Text messages reach the listener whole
 * ({@link IncomingText}: fragments joined, UTF-8 checked; invalid UTF-8 closes with 1007); a message over
 * {@code maxTextBytes} is discarded as it arrives and closes the socket with 1009. Binary messages are not
 * read: the listener hears that one ended. Pings are answered with pongs.
 *
 * <p>Jetty hands over one frame at a time and asks for the next ({@link CoreSession#demand()}) only once
 * the listener returned, so the fields of the message being read need no locking.
 */
final class JettySocket implements FrameHandler {

    private static final Logger log = LoggerFactory.getLogger(JettySocket.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = Long.toString(IDS.incrementAndGet());
    private final SocketEndpoint endpoint;
    private final Handshake handshake;
    private final int maxTextBytes;
    private final Duration sendTimeLimit;
    private CoreSession core;
    /** What hears this socket; null until it opened, and when opening it failed. */
    private SocketListener listener;

    /** The text message being read, null between messages and while a binary one is skipped. */
    private IncomingText text;

    private boolean binary;

    /**
     * @param attributes the handshake's attributes, holding the {@link Handshake} (taken out of them here)
     * @param sendTimeLimit how long a write to the socket may take ({@code parley.websocket.send-time-limit})
     */
    JettySocket(SocketEndpoint endpoint, Map<String, Object> attributes, int maxTextBytes, Duration sendTimeLimit) {
        this.endpoint = endpoint;
        this.handshake = (Handshake) attributes.remove(Handshake.ATTRIBUTE);
        this.maxTextBytes = maxTextBytes;
        this.sendTimeLimit = sendTimeLimit;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        this.core = coreSession;
        try {
            listener = endpoint.opened(new JettyTransport(id, coreSession, sendTimeLimit), handshake);
        } catch (RuntimeException e) {
            log.warn("Socket {} failed to open", id, e);
            coreSession.close(CloseStatus.SERVER_ERROR.getCode(), null, Callback.NOOP);
        }
        callback.succeeded();
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        switch (frame.getOpCode()) {
            case OpCode.PING -> {
                core.sendFrame(
                        new Frame(OpCode.PONG).setPayload(BufferUtil.copy(frame.getPayload())), Callback.NOOP, false);
                next(callback);
            }
            case OpCode.CLOSE -> callback.succeeded(); // Jetty answers it and closes
            case OpCode.TEXT -> {
                text = new IncomingText(maxTextBytes);
                binary = false;
                appendText(frame, callback);
            }
            case OpCode.BINARY -> {
                text = null;
                binary = true;
                endBinary(frame, callback);
            }
            case OpCode.CONTINUATION -> {
                if (binary) {
                    endBinary(frame, callback);
                } else {
                    appendText(frame, callback);
                }
            }
            default -> next(callback); // PONG
        }
    }

    private void appendText(Frame frame, Callback callback) {
        if (text == null) {
            next(callback);
            return;
        }
        switch (text.add(frame)) {
            case MORE -> next(callback);
            case COMPLETE -> {
                String message = text.message();
                text = null;
                deliver(() -> listener.text(message));
                next(callback);
            }
            case TOO_LARGE ->
                closeAfter(
                        callback, CloseStatus.TOO_BIG_TO_PROCESS, "Messages are limited to " + maxTextBytes + " bytes");
            case NOT_UTF8 -> closeAfter(callback, CloseStatus.BAD_DATA, "Invalid UTF-8");
        }
    }

    /** The frame is consumed and ends the socket: closes it with {@code status}, reading nothing more. */
    private void closeAfter(Callback callback, CloseStatus status, String reason) {
        text = null;
        callback.succeeded();
        core.close(status.getCode(), reason, Callback.NOOP);
    }

    private void endBinary(Frame frame, Callback callback) {
        if (frame.isFin()) {
            binary = false;
            deliver(() -> listener.binary());
        }
        next(callback);
    }

    private void deliver(Runnable toListener) {
        if (listener == null) {
            return; // it failed to open and is closing
        }
        try {
            toListener.run();
        } catch (RuntimeException e) {
            log.warn("Socket {} failed to handle a message", id, e);
            core.close(CloseStatus.SERVER_ERROR.getCode(), null, Callback.NOOP);
        }
    }

    /** The frame is consumed; asks Jetty for the next one. */
    private void next(Callback callback) {
        callback.succeeded();
        core.demand();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        log.debug("Transport error on socket {}: {}", id, cause.toString());
        callback.succeeded();
    }

    @Override
    public void onClosed(org.eclipse.jetty.websocket.core.CloseStatus status, Callback callback) {
        if (listener != null) {
            try {
                listener.closed(new CloseStatus(status.getCode(), status.getReason()));
            } catch (RuntimeException e) {
                log.warn("Socket {} failed to close cleanly", id, e);
            }
        }
        callback.succeeded();
    }
}
