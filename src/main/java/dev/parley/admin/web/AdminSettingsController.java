package dev.parley.admin.web;

import dev.parley.accounts.CurrentUser;
import dev.parley.admin.AdminService;
import dev.parley.admin.AuditEntry;
import dev.parley.admin.Invite;
import dev.parley.admin.RegistrationMode;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registration mode, invite codes and the audit log under {@code /api/admin/} (SPEC "Security and
 * administration"). Every operation answers 403 {@code admin_only} to a caller who is not an active admin.
 */
@Tag(name = "Admin")
@RestController
class AdminSettingsController {

    /** {@code {mode}}: {@code open}, {@code invite} or {@code closed}. */
    record Registration(String mode) {}

    /** Both optional: {@code max_uses} 1–1000 (default 1), {@code expires_in_hours} 1–8760 (default 168). */
    record NewInvite(Integer maxUses, Integer expiresInHours) {}

    private final AdminService admin;

    AdminSettingsController(AdminService admin) {
        this.admin = admin;
    }

    @Operation(
            operationId = "adminGetRegistration",
            summary = "Get the registration mode",
            description = "The mode in force: the one an admin set, else parley.registration.mode.")
    @Refusals({ErrorCode.ADMIN_ONLY})
    @GetMapping("/api/admin/registration")
    Registration registration(CurrentUser caller) {
        admin.actor(caller);
        return new Registration(admin.registrationMode().wireName());
    }

    @Operation(
            operationId = "adminSetRegistration",
            summary = "Set the registration mode",
            description =
                    "open: anyone registers; invite: with an invite_code; closed: only admins make accounts. Takes effect on every node at once and wins over parley.registration.mode.")
    @Refusals({ErrorCode.ADMIN_ONLY, ErrorCode.INVALID_REQUEST})
    @PutMapping("/api/admin/registration")
    Registration setRegistration(CurrentUser caller, @RequestBody Registration request) {
        var actor = admin.actor(caller);
        RegistrationMode mode = RegistrationMode.parse(request.mode())
                .orElseThrow(() -> new ParleyException(ErrorCode.INVALID_REQUEST, "mode: open, invite or closed"));
        return new Registration(admin.setRegistrationMode(actor, mode).wireName());
    }

    @Operation(
            operationId = "adminCreateInvite",
            summary = "Make an invite code",
            description =
                    "The answer carries the code, shown this once (only its hash is kept). It admits max_uses registrations until it expires or is revoked.")
    @Refusals({ErrorCode.ADMIN_ONLY, ErrorCode.INVALID_REQUEST})
    @PostMapping("/api/admin/invites")
    @ResponseStatus(HttpStatus.CREATED)
    Invite createInvite(CurrentUser caller, @RequestBody(required = false) NewInvite request) {
        var actor = admin.actor(caller);
        int maxUses = request == null || request.maxUses() == null ? 1 : request.maxUses();
        int hours = request == null || request.expiresInHours() == null ? 168 : request.expiresInHours();
        return admin.createInvite(actor, maxUses, Duration.ofHours(hours));
    }

    @Operation(
            operationId = "adminListInvites",
            summary = "List invites",
            description = "The newest 100, without codes.")
    @Refusals({ErrorCode.ADMIN_ONLY})
    @GetMapping("/api/admin/invites")
    List<Invite> invites(CurrentUser caller) {
        admin.actor(caller);
        return admin.invites();
    }

    @Operation(
            operationId = "adminRevokeInvite",
            summary = "Revoke an invite",
            description = "Its code admits no more registrations. Idempotent.")
    @Refusals({ErrorCode.ADMIN_ONLY, ErrorCode.NOT_FOUND})
    @DeleteMapping("/api/admin/invites/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeInvite(CurrentUser caller, @PathVariable long id) {
        admin.revokeInvite(admin.actor(caller), id);
    }

    @Operation(
            operationId = "adminAuditLog",
            summary = "Read the audit log",
            description =
                    "Admin actions, newest first: who, what, to whom, when. Page with before_id (the last id seen); limit 1-200, default 50.")
    @Refusals({ErrorCode.ADMIN_ONLY})
    @GetMapping("/api/admin/audit")
    List<AuditEntry> audit(
            CurrentUser caller,
            @RequestParam(name = "before_id", required = false) Long beforeId,
            @RequestParam(defaultValue = "50") int limit) {
        admin.actor(caller);
        if (limit < 1 || limit > AdminUserController.MAX_LIMIT) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "limit: 1 to 200");
        }
        return admin.audit(beforeId, limit);
    }
}
