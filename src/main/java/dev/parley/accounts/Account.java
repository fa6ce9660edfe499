package dev.parley.accounts;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A user as the admin API shows it (SPEC "Security and administration"): {@code {id, username, email, name,
 * role, active, created_at, last_seen_at, sessions}}.
 *
 * @param role the effective role: {@code admin} when stored so or named in {@code parley.admins}
 * @param active false once an admin deactivated the account
 * @param lastSeenAt when one of its sessions last used a token (to the minute), null if never
 * @param sessions how many of its sessions are live
 */
public record Account(
        long id,
        String username,
        String email,
        String name,
        Role role,
        boolean active,
        Instant createdAt,
        @Schema(nullable = true) Instant lastSeenAt,
        int sessions) {}
