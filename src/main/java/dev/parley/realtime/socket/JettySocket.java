package dev.parley.realtime.socket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One socket on Jetty's WebSocket core, as a Spring {@link WebSocketSession} for Parley's handlers. It
 * keeps what a socket needs and nothing of its handshake: no request, no copy of the headers, no principal
 * (Jetty's and Spring's own adapters keep all three for the socket's life, about 10 kB; the socket's user
 * is in its {@link Handshake} attribute). Text messages reach the handler
 * whole ({@link IncomingText}: fragments joined, UTF-8 checked; invalid UTF-8 closes with 1007); a message over
 * {@code maxTextBytes} is discarded as it arrives and closes the socket with 1009. Binary messages are not
 * read: the handler gets an empty one when one ended. Pings are answered with pongs.
 *
 * <p>Jetty hands over one frame at a time and asks for the next ({@link CoreSession#demand()}) only once
 * the handler returned, so the fields of the message being read need no locking.
 */
final class JettySocket implements FrameHandler, WebSocketSession {

    private static final Logger log = LoggerFactory.getLogger(JettySocket.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = Long.toString(IDS.incrementAndGet());
    private final WebSocketHandler handler;
    private final Map<String, Object> attributes;
    private final int maxTextBytes;
    private volatile CoreSession core;

    /** The text message being read, null between messages and while a binary one is skipped. */
    private IncomingText text;

    private boolean binary;

    JettySocket(WebSocketHandler handler, Map<String, Object> attributes, int maxTextBytes) {
        this.handler = handler;
        this.attributes = attributes;
        this.maxTextBytes = maxTextBytes;
    }

    /** Jetty's side of this socket, for writing frames ({@link JettyTransport}); null before it opened. */
    CoreSession core() {
        return core;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        this.core = coreSession;
        try {
            handler.afterConnectionEstablished(this);
        } catch (Exception e) {
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
                deliver(new TextMessage(message));
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
            deliver(new BinaryMessage(new byte[0]));
        }
        next(callback);
    }

    private void deliver(WebSocketMessage<?> message) {
        try {
            handler.handleMessage(this, message);
        } catch (Exception e) {
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
        try {
            handler.handleTransportError(this, cause);
        } catch (Exception e) {
            log.debug("Socket {}: error while handling {}", id, cause.toString(), e);
        }
        callback.succeeded();
    }

    @Override
    public void onClosed(org.eclipse.jetty.websocket.core.CloseStatus status, Callback callback) {
        try {
            handler.afterConnectionClosed(this, new CloseStatus(status.getCode(), status.getReason()));
        } catch (Exception e) {
            log.warn("Socket {} failed to close cleanly", id, e);
        }
        callback.succeeded();
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public URI getUri() {
        return core == null ? null : core.getRequestURI();
    }

    /** Empty: the handshake's headers are not kept (interceptors read them from the handshake request). */
    @Override
    public HttpHeaders getHandshakeHeaders() {
        return HttpHeaders.EMPTY;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    /** Null: not kept once the socket is open (the user is in the {@link Handshake} attribute). */
    @Override
    public Principal getPrincipal() {
        return null;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return core == null ? null : inet(core.getLocalAddress());
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return core == null ? null : inet(core.getRemoteAddress());
    }

    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : null;
    }

    @Override
    public String getAcceptedProtocol() {
        return core == null ? null : core.getNegotiatedSubProtocol();
    }

    /** Fixed at {@code maxTextBytes}. */
    @Override
    public void setTextMessageSizeLimit(int messageSizeLimit) {}

    @Override
    public int getTextMessageSizeLimit() {
        return maxTextBytes;
    }

    /** Binary messages are not read. */
    @Override
    public void setBinaryMessageSizeLimit(int messageSizeLimit) {}

    @Override
    public int getBinaryMessageSizeLimit() {
        return 0;
    }

    @Override
    public List<WebSocketExtension> getExtensions() {
        return List.of();
    }

    /** Sends one message and waits until it is written (Parley's own frames go through {@link JettyTransport}). */
    @Override
    public void sendMessage(WebSocketMessage<?> message) throws IOException {
        byte opCode = switch (message) {
            case TextMessage m -> OpCode.TEXT;
            case BinaryMessage m -> OpCode.BINARY;
            case PingMessage m -> OpCode.PING;
            case PongMessage m -> OpCode.PONG;
            default -> throw new IllegalArgumentException("Unknown message " + message.getClass());
        };
        ByteBuffer payload = message instanceof TextMessage textMessage
                ? ByteBuffer.wrap(textMessage.asBytes())
                : (ByteBuffer) message.getPayload();
        FutureCallback written = new FutureCallback();
        core.sendFrame(new Frame(opCode, payload), written, false);
        JettyTransport.awaitWritten(written, Long.MAX_VALUE);
    }

    @Override
    public boolean isOpen() {
        CoreSession session = core;
        return session != null && session.isOutputOpen();
    }

    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }

    @Override
    public void close(CloseStatus status) {
        CoreSession session = core;
        if (session != null) {
            session.close(status.getCode(), status.getReason(), Callback.NOOP);
        }
    }
}
