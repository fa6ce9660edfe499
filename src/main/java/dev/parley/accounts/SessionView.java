package dev.parley.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * A live session as {@code GET /api/users/me/sessions/} shows it.
 *
 * @param device the User-Agent of the login that started it (at most 200 characters)
 * @param lastSeenAt the last time its tokens were used, to the minute
 * @param current whether the caller's access token belongs to it
 */
public record SessionView(UUID id, String device, Instant createdAt, Instant lastSeenAt, boolean current) {}
