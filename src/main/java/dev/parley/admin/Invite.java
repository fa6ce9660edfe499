package dev.parley.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * An invite code as admins see it: {@code {id, code, created_at, expires_at, max_uses, uses, revoked}}.
 *
 * @param code the code itself, only in the answer that made it (stored as a hash); null afterwards
 * @param maxUses how many registrations it admits
 * @param uses how many it admitted
 */
public record Invite(
        long id,
        @Schema(nullable = true) String code,
        Instant createdAt,
        Instant expiresAt,
        int maxUses,
        int uses,
        boolean revoked) {}
