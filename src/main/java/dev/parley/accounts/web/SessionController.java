package dev.parley.accounts.web;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.SessionService;
import dev.parley.accounts.SessionView;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's sessions and password (SPEC "Security and administration"): {@code GET /api/users/me/sessions/},
 * {@code DELETE /api/users/me/sessions/{id}/}, {@code POST /api/users/me/password/}.
 */
@Tag(name = "Accounts")
@RestController
@RequestMapping("/api/users/me")
class SessionController {

    /** {@code {current_password, new_password}}. */
    record PasswordChange(String currentPassword, String newPassword) {}

    private final SessionService sessions;
    private final AccountService accounts;

    SessionController(SessionService sessions, AccountService accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    /** The caller's live sessions, most recently seen first; {@code current} marks the caller's own. */
    @Operation(
            operationId = "listSessions",
            summary = "List the caller's sessions",
            description =
                    "The live sessions of the caller, most recently seen first, with the device that started each; `current` marks the one of this access token.")
    @GetMapping("/sessions")
    List<SessionView> list(CurrentUser caller) {
        return sessions.list(caller);
    }

    /** 204: the session ended (its tokens refused, its sockets closed with 4401); 404 when it is not the caller's. */
    @Operation(
            operationId = "endSession",
            summary = "End one of the caller's sessions",
            description =
                    "Its refresh tokens are refused at once, its access tokens within a second on every node, and its sockets close with 4401.")
    @Refusals(ErrorCode.NOT_FOUND)
    @DeleteMapping("/sessions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void end(CurrentUser caller, @PathVariable String id) {
        sessions.end(caller, id);
    }

    /** 204: the password changed and every other session of the caller ended; this one continues. */
    @Operation(
            operationId = "changePassword",
            summary = "Change the caller's password",
            description = "Needs the current password; ends every other session of the caller, this one continues.")
    @Refusals({
        ErrorCode.INVALID_REQUEST,
        ErrorCode.PASSWORD_TOO_SHORT,
        ErrorCode.PASSWORD_TOO_LONG,
        ErrorCode.WRONG_PASSWORD,
        ErrorCode.RATE_LIMITED
    })
    @PostMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(CurrentUser caller, @RequestBody PasswordChange change) {
        accounts.changePassword(caller, change.currentPassword(), change.newPassword());
    }
}
