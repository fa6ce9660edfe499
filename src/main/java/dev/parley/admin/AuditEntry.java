package dev.parley.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One admin action in the audit log: {@code {id, at, actor_id, actor, action, target_user_id, target,
 * detail}}.
 *
 * @param actorId the admin's user id; null for the local command
 * @param actor the admin's username, or {@code bin/parley admin}
 * @param targetUserId the account acted on; null for settings and invites
 * @param target that account's username at the time; empty when none
 * @param detail what changed, e.g. {@code mode=invite} or {@code invite 7}
 */
public record AuditEntry(
        long id,
        Instant at,
        @Schema(nullable = true) Long actorId,
        String actor,
        AdminAction action,
        @Schema(nullable = true) Long targetUserId,
        String target,
        String detail) {}
