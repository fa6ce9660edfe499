package dev.parley.realtime.protocol;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;

/** A client frame that cannot be decoded; answered with an error frame, the socket stays open. */
public class FrameException extends ParleyException {

    private final String clientId;

    public FrameException(ErrorCode errorCode, String detail, String clientId) {
        super(errorCode, detail);
        this.clientId = clientId;
    }

    /** The frame's {@code client_id} when it could be read, else null. */
    public String clientId() {
        return clientId;
    }
}
