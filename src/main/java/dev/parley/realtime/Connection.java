package dev.parley.realtime;

import dev.parley.realtime.protocol.CloseCodes;
import dev.parley.realtime.protocol.FrameException;
import dev.parley.shared.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * One open socket of one user on one conversation. Sends are thread-safe and bounded: past
 * {@code parley.websocket.send-buffer-bytes} queued or {@code send-time-limit} blocked, the socket is
 * closed with {@link CloseCodes#SLOW_CONSUMER} instead of slowing anyone else. Also reassembles the
 * client's fragmented frames up to {@code parley.websocket.max-frame-bytes}.
 */
final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final WebSocketSession session;
    private final long userId;
    private final long conversationId;
    private final int maxFrameBytes;
    private final StringBuilder partial = new StringBuilder();
    private long partialBytes;
    private boolean partialTooLarge;

    Connection(WebSocketSession session, long userId, long conversationId, RealtimeProperties properties) {
        this.session = new ConcurrentWebSocketSessionDecorator(
                session,
                (int) properties.sendTimeLimit().toMillis(),
                properties.sendBufferBytes(),
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        this.userId = userId;
        this.conversationId = conversationId;
        this.maxFrameBytes = properties.maxFrameBytes();
    }

    long userId() {
        return userId;
    }

    long conversationId() {
        return conversationId;
    }

    String id() {
        return session.getId();
    }

    /** Sends one text frame; a socket that cannot keep up is closed with the slow-consumer code. */
    void send(String text) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.sendMessage(new TextMessage(text));
        } catch (SessionLimitExceededException e) {
            close(CloseCodes.SLOW_CONSUMER);
        } catch (IOException | IllegalStateException e) {
            log.debug("Send to socket {} failed: {}", id(), e.toString());
            close(CloseCodes.SERVER_ERROR);
        }
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException e) {
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
            partialBytes += utf8Length(fragment);
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

    private static long utf8Length(String text) {
        return text.isEmpty() ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
