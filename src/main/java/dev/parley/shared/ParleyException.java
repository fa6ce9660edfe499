package dev.parley.shared;

/**
 * A refusal with an {@link ErrorCode}: REST renders it as problem details with the code's status,
 * WebSocket handlers as an error frame. Thrown before anything is stored, so it never leaves half state.
 */
public class ParleyException extends RuntimeException {

    private final ErrorCode errorCode;

    public ParleyException(ErrorCode errorCode) {
        this(errorCode, errorCode.message());
    }

    public ParleyException(ErrorCode errorCode, String detail) {
        super(detail, null, false, false);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
