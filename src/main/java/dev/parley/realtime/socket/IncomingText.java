package dev.parley.realtime.socket;

import java.nio.charset.CharacterCodingException;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.Frame;

/**
 * One text message a {@link JettySocket} is receiving, joined from its frames (RFC 6455 §5.4: a TEXT frame,
 * then CONTINUATION frames up to the one marked final) and decoded as UTF-8 as the bytes arrive. Made per
 * message, so an idle socket holds none.
 */
final class IncomingText {

    /** What a frame made of the message. */
    enum Step {
        /** More frames follow. */
        MORE,
        /** The message is complete: {@link #message()}. */
        COMPLETE,
        /** The message grew past the limit; what arrived was dropped. */
        TOO_LARGE,
        /** The message is not valid UTF-8. */
        NOT_UTF8
    }

    private final int maxBytes;
    private final Utf8StringBuilder text = new Utf8StringBuilder();
    private long bytes;
    private String message;

    /** @param maxBytes the longest message taken, in bytes of UTF-8 */
    IncomingText(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Adds the next frame of the message (its first included). */
    Step add(Frame frame) {
        bytes += frame.getPayloadLength();
        if (bytes > maxBytes) {
            text.reset();
            return Step.TOO_LARGE;
        }
        if (frame.hasPayload()) {
            text.append(frame.getPayload());
        }
        if (!frame.isFin()) {
            return Step.MORE;
        }
        try {
            message = text.build();
            return Step.COMPLETE;
        } catch (CharacterCodingException e) {
            return Step.NOT_UTF8;
        }
    }

    /** The whole message, once {@link #add} answered {@link Step#COMPLETE}. */
    String message() {
        return message;
    }
}
