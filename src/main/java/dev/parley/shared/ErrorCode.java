package dev.parley.shared;

import com.fasterxml.jackson.annotation.JsonValue;
import org.springframework.http.HttpStatus;

/**
 * Every refusal Parley answers with, on REST (RFC 9457 problem details with a {@code code} member) and
 * on WebSocket (an error frame {@code {"type":"error","code":…,"error":…}}). The {@link #code()} is
 * the stable machine code clients switch on; {@link #message()} is the default human sentence.
 * Statuses follow SPEC "REST API": 400 bad input, 401 no/bad token, 403 not a participant, 404 unknown,
 * 409 conflict, 413 too large, 429 rate limited.
 */
public enum ErrorCode {
    INVALID_JSON(HttpStatus.BAD_REQUEST, "invalid_json", "Invalid JSON"),
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid_request", "The request is missing a field or has a wrong value"),
    INVALID_ID(HttpStatus.BAD_REQUEST, "invalid_id", "Ids are positive integers"),
    /** Text with a NUL character or an unpaired UTF-16 surrogate: refused, never altered or stored. */
    INVALID_TEXT(
            HttpStatus.BAD_REQUEST,
            "invalid_text",
            "Text may not contain NUL characters or unpaired surrogates (invalid Unicode)"),
    /** Seed 000's exact sentence for an empty or whitespace-only body. */
    EMPTY_BODY(HttpStatus.BAD_REQUEST, "empty_body", "Message body cannot be empty"),
    UNKNOWN_TYPE(HttpStatus.BAD_REQUEST, "unknown_type", "Unknown frame type"),
    /** A {@code resume} position beyond the conversation's newest message or revision. */
    POSITION_OUT_OF_RANGE(
            HttpStatus.BAD_REQUEST,
            "position_out_of_range",
            "after_seq or after_revision is beyond the conversation's newest"),
    /**
     * A user's send of a message type reserved for services' system messages and Parley's own: users send
     * {@code text} and the types {@code parley.messages.user-types} lists.
     */
    RESERVED_TYPE(
            HttpStatus.BAD_REQUEST,
            "reserved_type",
            "That message type is reserved for system messages; send text or a type this server allows users"),
    NOT_A_GROUP(HttpStatus.BAD_REQUEST, "not_a_group", "Only group conversations have members to manage and a title"),
    SELF_CONVERSATION(HttpStatus.BAD_REQUEST, "self_conversation", "Cannot create a conversation with yourself"),
    PASSWORD_TOO_SHORT(HttpStatus.BAD_REQUEST, "password_too_short", "Password must have at least 8 characters"),
    /** Longer than bcrypt hashes: 72 bytes of UTF-8. */
    PASSWORD_TOO_LONG(HttpStatus.BAD_REQUEST, "password_too_long", "Password must be at most 72 bytes of UTF-8"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication is required"),
    INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "invalid_token", "The access token is invalid or expired"),
    INVALID_SERVICE_CREDENTIAL(
            HttpStatus.UNAUTHORIZED, "invalid_service_credential", "A valid X-Parley-Service-Key header is required"),
    INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Wrong username, email or password"),
    /** A password reset token that is unknown, expired or already used. */
    INVALID_RESET_TOKEN(
            HttpStatus.UNAUTHORIZED, "invalid_reset_token", "The password reset link is invalid, expired or used"),
    /** The local admin command's credential ({@code <data-dir>/admin-key}) is missing or wrong. */
    INVALID_ADMIN_KEY(
            HttpStatus.UNAUTHORIZED,
            "invalid_admin_key",
            "A valid X-Parley-Admin-Key from the server's machine is required"),
    INVALID_REFRESH_TOKEN(
            HttpStatus.UNAUTHORIZED, "invalid_refresh_token", "The refresh token is invalid, expired or already used"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Not allowed"),
    /** A password change whose {@code current_password} is not the account's password. */
    WRONG_PASSWORD(HttpStatus.FORBIDDEN, "wrong_password", "The current password is wrong"),
    /** An account an admin deactivated: it can no longer log in (SPEC "Security and administration"). */
    ACCOUNT_DEACTIVATED(HttpStatus.FORBIDDEN, "account_deactivated", "This account has been deactivated"),
    /** The admin API, for a caller who is not an admin. */
    ADMIN_ONLY(HttpStatus.FORBIDDEN, "admin_only", "Only administrators may do this"),
    /** Registration mode {@code closed}: accounts are made by admins only. */
    REGISTRATION_CLOSED(HttpStatus.FORBIDDEN, "registration_closed", "Registration is closed"),
    /** Registration mode {@code invite} without a live invite code (unknown, used up, expired or revoked). */
    INVITE_REQUIRED(HttpStatus.FORBIDDEN, "invite_required", "A valid invite code is required to register"),
    NOT_A_PARTICIPANT(HttpStatus.FORBIDDEN, "not_a_participant", "You are not a participant of this conversation"),
    NOT_AN_ADMIN(HttpStatus.FORBIDDEN, "not_an_admin", "Only a group's admins may do this"),
    NOT_THE_AUTHOR(HttpStatus.FORBIDDEN, "not_the_author", "Only the author may edit or delete a message"),
    /** A browser Origin other than the server's own and those {@code parley.allowed-origins} lists. */
    ORIGIN_NOT_ALLOWED(
            HttpStatus.FORBIDDEN,
            "origin_not_allowed",
            "Requests and WebSockets from this Origin are not allowed (PARLEY_ALLOWED_ORIGINS)"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not_found", "Not found"),
    USER_NOT_FOUND(HttpStatus.NOT_FOUND, "user_not_found", "User not found"),
    CONVERSATION_NOT_FOUND(HttpStatus.NOT_FOUND, "conversation_not_found", "Conversation not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send application/json"),
    MESSAGE_DELETED(HttpStatus.CONFLICT, "message_deleted", "The message was deleted"),
    /**
     * A {@code resume} that the socket can no longer answer in order: it already sent later frames of the
     * conversation. Fetch the gap over REST, or reconnect with {@code ?after_seq=}.
     */
    RESUME_TOO_LATE(
            HttpStatus.CONFLICT,
            "resume_too_late",
            "This socket already sent later messages of the conversation; fetch the gap over REST or reconnect"
                    + " with ?after_seq="),
    /**
     * A repeated {@code client_id} whose message was stored before this socket's position and cannot be
     * sent on it in order any more; the send is stored once, and its view is in the conversation's history.
     */
    ALREADY_STORED(
            HttpStatus.CONFLICT,
            "already_stored",
            "A message with this client_id was stored before this socket's position; it is in the history"),
    /** A rate limit refused the request; retry after {@code Retry-After} (REST) or {@code retry_after_ms} (socket). */
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "Too many requests; retry later"),
    /** An admin deactivating or demoting their own account: another admin must do it. */
    /** The only active admin would be revoked or deactivated: the server would be left without one. */
    LAST_ADMIN(HttpStatus.CONFLICT, "last_admin", "The last active admin cannot be revoked or deactivated"),
    OWN_ACCOUNT(HttpStatus.CONFLICT, "own_account", "Admins cannot deactivate or demote their own account"),
    /** Revoking admin from a user named in {@code parley.admins}: change the configuration instead. */
    ADMIN_BY_CONFIGURATION(
            HttpStatus.CONFLICT,
            "admin_by_configuration",
            "This user is an admin through parley.admins; remove them there"),
    ALREADY_A_MEMBER(HttpStatus.CONFLICT, "already_a_member", "That user is already a member"),
    USERNAME_TAKEN(HttpStatus.CONFLICT, "username_taken", "That username is taken"),
    /** A name listed in {@code parley.admins}: only an admin's {@code bin/parley admin create-user} makes it. */
    USERNAME_RESERVED(
            HttpStatus.CONFLICT, "username_reserved", "That username is reserved; an administrator creates it"),
    EMAIL_TAKEN(HttpStatus.CONFLICT, "email_taken", "That email is already registered"),
    /**
     * A request line (path and query) longer than {@code server.max-http-request-header-size} (32 KiB);
     * Jetty refuses it before Parley.
     */
    URI_TOO_LONG(HttpStatus.URI_TOO_LONG, "uri_too_long", "The request's path and query are too long"),
    /** Request headers larger than {@code server.max-http-request-header-size} (32 KiB in all); Jetty refuses them. */
    HEADERS_TOO_LARGE(
            HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large", "The request's headers are too large"),
    BODY_TOO_LONG(HttpStatus.CONTENT_TOO_LARGE, "body_too_long", "Message body is too long"),
    METADATA_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "metadata_too_large", "Message metadata is too large"),
    FRAME_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "frame_too_large", "Frame is too large"),
    ATTACHMENT_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "attachment_too_large", "The file is larger than allowed"),
    UNSUPPORTED_ATTACHMENT_TYPE(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_attachment_type", "Files of this type are not accepted"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "Request body is larger than 1 MiB"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on the server"),
    /** PostgreSQL cannot be reached (no connection within the pool's timeout): retry after {@code Retry-After}. */
    SERVICE_UNAVAILABLE(
            HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", "The database is unavailable; retry shortly");

    private final HttpStatus status;
    private final String code;
    private final String message;

    ErrorCode(HttpStatus status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    /** HTTP status of the REST answer. */
    public HttpStatus status() {
        return status;
    }

    /** Stable machine code, snake_case. */
    @JsonValue
    public String code() {
        return code;
    }

    /** Default human sentence. */
    public String message() {
        return message;
    }
}
