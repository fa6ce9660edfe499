package dev.parley.shared;

import java.time.Duration;

/**
 * A refusal with an {@link ErrorCode}: REST renders it as problem details with the code's status,
 * WebSocket handlers as an error frame. Thrown before anything is stored, so it never leaves half state.
 */
public class ParleyException extends RuntimeException {

    private final ErrorCode errorCode;
    private final Duration retryAfter;

    public ParleyException(ErrorCode errorCode) {
        this(errorCode, errorCode.message());
    }

    public ParleyException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, null);
    }

    /**
     * A refusal that the caller may retry after {@code retryAfter}: REST answers it with a
     * {@code Retry-After} header (whole seconds, rounded up) and both REST and sockets with
     * {@code retry_after_ms}.
     */
    public ParleyException(ErrorCode errorCode, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** When the refused request may succeed if repeated, or null when waiting does not help. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter()} in milliseconds (at least 1), or null. */
    public Long retryAfterMillis() {
        return retryAfter == null ? null : Math.max(1, retryAfter.toMillis());
    }

    /** {@link #retryAfter()} in whole seconds, rounded up (at least 1), as the {@code Retry-After} header says it. */
    public String retryAfterHeader() {
        return retryAfter == null ? null : Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }
}
