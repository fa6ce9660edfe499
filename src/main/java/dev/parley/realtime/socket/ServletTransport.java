package dev.parley.realtime.socket;

import dev.parley.realtime.delivery.SocketTransport;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * {@link SocketTransport} over a Spring {@link WebSocketSession}. On a Jakarta WebSocket session
 * (Tomcat) it turns on batching, so frames queued together share socket writes, and sets Tomcat's limit
 * for one blocking send to {@code parley.websocket.send-time-limit}.
 */
final class ServletTransport implements SocketTransport {

    /** Tomcat's per-session limit for one blocking send, in milliseconds. */
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final WebSocketSession session;
    private final RemoteEndpoint.Basic batched;

    ServletTransport(WebSocketSession session, Duration sendTimeLimit) {
        this.session = session;
        RemoteEndpoint.Basic basic = null;
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof Session jakarta) {
            jakarta.getUserProperties().put(TOMCAT_SEND_TIMEOUT, sendTimeLimit.toMillis());
            basic = jakarta.getBasicRemote();
            try {
                basic.setBatchingAllowed(true);
            } catch (IOException e) {
                basic = null;
            }
        }
        this.batched = basic;
    }

    @Override
    public String id() {
        return session.getId();
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void sendText(String text) throws IOException {
        try {
            session.sendMessage(new TextMessage(text));
        } catch (IllegalStateException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void flush() throws IOException {
        if (batched != null && session.isOpen()) {
            try {
                batched.flushBatch();
            } catch (IllegalStateException e) {
                throw new IOException(e);
            }
        }
    }

    @Override
    public void close(CloseStatus status) throws IOException {
        try {
            session.close(status);
        } catch (IllegalStateException e) {
            throw new IOException(e);
        }
    }
}
