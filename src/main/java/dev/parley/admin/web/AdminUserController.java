package dev.parley.admin.web;

import dev.parley.accounts.Account;
import dev.parley.accounts.CurrentUser;
import dev.parley.admin.AdminService;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /api/admin/users/*} (SPEC "Security and administration"): accounts as admins see them, deactivation,
 * password reset tokens and the admin role. Every operation answers 403 {@code admin_only} to a caller who is
 * not an active admin.
 */
@Tag(name = "Admin")
@RestController
@RequestMapping("/api/admin/users")
class AdminUserController {

    /** Largest page of {@code GET /api/admin/users/}. */
    static final int MAX_LIMIT = 200;

    /**
     * A password reset: the one-time {@code token}, the web client's {@code reset_url} that uses it, and when it
     * stops working.
     */
    record PasswordReset(String token, String resetUrl, Instant expiresAt) {}

    private final AdminService admin;

    AdminUserController(AdminService admin) {
        this.admin = admin;
    }

    @Operation(
            operationId = "adminListUsers",
            summary = "List and search accounts",
            description =
                    "Accounts whose username, name or email contains search (every account without it), by id, with role, whether active, last seen and live sessions. limit 1-200 (default 50), offset from 0.")
    @Refusals({ErrorCode.ADMIN_ONLY})
    @GetMapping
    List<Account> list(
            CurrentUser caller,
            @RequestParam(defaultValue = "") String search,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") long offset) {
        admin.actor(caller);
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "limit: 1 to 200; offset: 0 or more");
        }
        return admin.users(search, limit, offset);
    }

    @Operation(
            operationId = "adminGetUser",
            summary = "Get an account",
            description = "One account with its role, whether active, last seen and live sessions.")
    @Refusals({ErrorCode.ADMIN_ONLY, ErrorCode.USER_NOT_FOUND})
    @GetMapping("/{id}")
    Account get(CurrentUser caller, @PathVariable long id) {
        admin.actor(caller);
        return admin.user(id);
    }

    @Operation(
            operationId = "adminDeactivateUser",
            summary = "Deactivate an account",
            description =
                    "Its sessions end at once on every node (tokens refused, sockets closed with 4401) and its logins get 403 account_deactivated. Idempotent. Not the caller's own account (own_account), nor the last active admin (last_admin).")
    @Refusals({ErrorCode.ADMIN_ONLY, ErrorCode.USER_NOT_FOUND, ErrorCode.OWN_ACCOUNT, ErrorCode.LAST_ADMIN})
    @PostMapping("/{id}/deactivate")
    Account deactivate(CurrentUser caller, @PathVariable long id) {
        return admin.setActive(admin.actor(caller), id, false);
    }

    @Operation(
            operationId = "adminReactivateUser",
            summary = "Reactivate an account",
            description = "The account can log in again. Idempotent.")
    @Refusals({ErrorCode.ADMIN_ONLY, ErrorCode.USER_NOT_FOUND, ErrorCode.OWN_ACCOUNT})
    @PostMapping("/{id}/reactivate")
    Account reactivate(CurrentUser caller, @PathVariable long id) {
        return admin.setActive(admin.actor(caller), id, true);
    }

    @Operation(
            operationId = "adminResetPassword",
            summary = "Make a password reset link",
            description =
                    "A one-time token, valid 24 hours, with which the user sets a new password (POST /auth/password-reset/, or reset_url in the web client); using it ends the account's sessions. The current password works until then.")
    @Refusals({ErrorCode.ADMIN_ONLY, ErrorCode.USER_NOT_FOUND})
    @PostMapping("/{id}/password-reset")
    @ResponseStatus(HttpStatus.CREATED)
    PasswordReset resetPassword(CurrentUser caller, @PathVariable long id) {
        var token = admin.resetPassword(admin.actor(caller), id);
        String url = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/")
                .fragment("reset=" + token.token())
                .toUriString();
        return new PasswordReset(token.token(), url, token.expiresAt());
    }

    @Operation(
            operationId = "adminGrantAdmin",
            summary = "Make an account an admin",
            description = "The account may use the admin API from its next request, on every node.")
    @Refusals({ErrorCode.ADMIN_ONLY, ErrorCode.USER_NOT_FOUND})
    @PostMapping("/{id}/admin")
    Account grant(CurrentUser caller, @PathVariable long id) {
        return admin.setAdmin(admin.actor(caller), id, true);
    }

    @Operation(
            operationId = "adminRevokeAdmin",
            summary = "Take the admin role from an account",
            description =
                    "Not from the caller's own account (own_account), nor from one named in parley.admins (admin_by_configuration), nor from the last active admin (last_admin). Two admins revoking each other at once: the second finds it is no longer an admin (admin_only).")
    @Refusals({
        ErrorCode.ADMIN_ONLY,
        ErrorCode.USER_NOT_FOUND,
        ErrorCode.OWN_ACCOUNT,
        ErrorCode.ADMIN_BY_CONFIGURATION,
        ErrorCode.LAST_ADMIN
    })
    @DeleteMapping("/{id}/admin")
    Account revoke(CurrentUser caller, @PathVariable long id) {
        return admin.setAdmin(admin.actor(caller), id, false);
    }
}
