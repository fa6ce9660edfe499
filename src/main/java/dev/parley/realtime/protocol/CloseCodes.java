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

    /**
     * 1013 (try again later): the socket needed PostgreSQL to stay in order (a catch-up or gap fill) while
     * it was unreachable; reconnect after a while and resume.
     */
    public static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(1013, "service_unavailable");

    /** 4401: the access token expired and no {@code auth} frame extended the socket; reconnect with a new one. */
    public static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "token_expired");

    /** 4401: the session ended (logout, ended from the sessions list, password change); log in again. */
    public static final CloseStatus SESSION_ENDED = new CloseStatus(4401, "session_ended");

    /** 4403: the user is not (or no longer) a participant of the conversation. */
    public static final CloseStatus FORBIDDEN = new CloseStatus(4403, "not_a_participant");

    /** 4408: the socket could not keep up with its messages; reconnect and resume. */
    public static final CloseStatus SLOW_CONSUMER = new CloseStatus(4408, "slow_consumer");

    /**
     * 4429: the socket kept sending after {@code rate_limited} refusals ({@code parley.rate-limits.flood});
     * wait, then reconnect.
     */
    public static final CloseStatus RATE_LIMITED = new CloseStatus(4429, "rate_limited");

    private CloseCodes() {}
}
