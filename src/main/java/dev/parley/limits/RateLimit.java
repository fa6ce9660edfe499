package dev.parley.limits;

/**
 * The catalogue of rate limits (SPEC "Security and administration"), each a token bucket per key. The
 * property that sets each one is {@code parley.rate-limits.<name>}, with its default in
 * {@link RateLimitsProperties}.
 */
public enum RateLimit {
    /** Messages sent by a user, over REST and WebSocket together; keyed by user id. */
    SEND("send"),
    /** Edits and deletes of messages by a user. */
    EDIT("edit"),
    /** Reactions added or removed by a user. */
    REACTION("reaction"),
    /** Files uploaded by a user, counted. */
    UPLOAD("upload"),
    /** Files uploaded by a user, in bytes. */
    UPLOAD_BYTES("upload-bytes"),
    /** Typing frames sent by a user. */
    TYPING("typing"),
    /** Conversations a user creates or opens by user id or name (direct ones, and groups): keyed by user id. */
    CONVERSATION_CREATE("conversation-create"),
    /** Message and user searches by a user. */
    SEARCH("search"),
    /** Login attempts from one client address. */
    LOGIN_ADDRESS("login-address"),
    /** Failed login attempts (and password changes) for one username or email, whether it exists or not. */
    LOGIN_USERNAME("login-username"),
    /** Registrations from one client address. */
    REGISTER_ADDRESS("register-address"),
    /** Token refreshes from one client address. */
    REFRESH_ADDRESS("refresh-address"),
    /** WebSocket handshakes from one client address. */
    HANDSHAKE_ADDRESS("handshake-address");

    private final String property;

    RateLimit(String property) {
        this.property = property;
    }

    /** The name under {@code parley.rate-limits.}, also the {@code limit} tag of its meters. */
    public String property() {
        return property;
    }
}
