package dev.parley.realtime.protocol;

import org.springframework.web.socket.CloseStatus;

/**
 * Every WebSocket close code Parley sends, in one place. Handshakes that fail authentication or
 * membership are refused with HTTP 401/403 before the upgrade; the 44xx codes cover the same reasons
 * after it.
 */
public final class CloseCodes {

    /** 1001: the server is shutting down; reconnect, possibly to another node. */
    public static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY;

    /** 1011: an unexpected server error on this socket. */
    public static final CloseStatus SERVER_ERROR = CloseStatus.SERVER_ERROR;

    /** 4401: the access token is missing, invalid or expired. */
    public static final CloseStatus UNAUTHENTICATED = new CloseStatus(4401, "unauthenticated");

    /** 4403: the user is not (or no longer) a participant of the conversation. */
    public static final CloseStatus FORBIDDEN = new CloseStatus(4403, "not_a_participant");

    /** 4408: the socket could not keep up with its messages; reconnect and resume. */
    public static final CloseStatus SLOW_CONSUMER = new CloseStatus(4408, "slow_consumer");

    private CloseCodes() {}
}
