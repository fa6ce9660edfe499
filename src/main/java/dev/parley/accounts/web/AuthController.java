package dev.parley.accounts.web;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.AccountService.Login;
import dev.parley.accounts.AccountService.Tokens;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.User;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /auth/*} (SPEC "Accounts", seed 001): register, login, refresh, logout. */
@Tag(name = "Accounts")
@RestController
@RequestMapping("/auth")
class AuthController {

    /** {@code invite_code} is needed in registration mode {@code invite} only. */
    record RegisterRequest(String username, String email, String password, String name, String inviteCode) {}

    /** A token from an admin's password reset and the new password. */
    record PasswordResetRequest(String token, String newPassword) {}

    /** {@code username} may hold an email too; {@code email} is accepted on its own. */
    record LoginRequest(String username, String email, String password) {}

    record RefreshRequest(String refresh) {}

    private final AccountService accounts;

    AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    /**
     * 201 {@code {id, username, email, name}}; 400 bad fields, 403 registration closed or invite needed, 409
     * username or email taken or username reserved, 429 too many registrations from the client's address.
     */
    @Operation(
            operationId = "registerUser",
            summary = "Register a user",
            description =
                    "Creates an account (seed 001). Passwords are 8 characters to 72 bytes of UTF-8; usernames and emails are unique, case-insensitively. The first account of a fresh server is an admin; the usernames parley.admins names are reserved (409 username_reserved) for bin/parley admin create-user. In registration mode invite an invite_code is needed, in mode closed only admins make accounts. Limited per client address.")
    @Refusals({
        ErrorCode.INVALID_REQUEST,
        ErrorCode.REGISTRATION_CLOSED,
        ErrorCode.INVITE_REQUIRED,
        ErrorCode.PASSWORD_TOO_SHORT,
        ErrorCode.PASSWORD_TOO_LONG,
        ErrorCode.USERNAME_TAKEN,
        ErrorCode.USERNAME_RESERVED,
        ErrorCode.EMAIL_TAKEN,
        ErrorCode.RATE_LIMITED
    })
    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    User register(@RequestBody RegisterRequest request) {
        return accounts.register(
                request.username(), request.email(), request.password(), request.name(), request.inviteCode());
    }

    /** 204: the password is set and every session of the account ends; 401 for a bad token. */
    @Operation(
            operationId = "resetPassword",
            summary = "Set a new password with a reset token",
            description =
                    "Uses the one-time token of an admin's password reset (valid 24 hours): sets the new password and ends every session of the account.")
    @Refusals({
        ErrorCode.INVALID_REQUEST,
        ErrorCode.INVALID_RESET_TOKEN,
        ErrorCode.PASSWORD_TOO_SHORT,
        ErrorCode.PASSWORD_TOO_LONG,
        ErrorCode.RATE_LIMITED
    })
    @PostMapping("/password-reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPassword(@RequestBody PasswordResetRequest request) {
        accounts.resetPassword(request.token(), request.newPassword());
    }

    /**
     * 200 {@code {access, refresh, user}}, starting a session named after the User-Agent; 401
     * {@code invalid_credentials} for an unknown login or a wrong password alike; 429 after too many failed
     * attempts for this login or attempts from this address.
     */
    @Operation(
            operationId = "logIn",
            summary = "Log in and start a session",
            description =
                    "Exchanges a username (or email) and password for an access token, a refresh token and the user; starts a session named after the User-Agent. An unknown user and a wrong password get the same answer; a deactivated account's right password gets 403 account_deactivated. Failed attempts are limited per username and per client address.")
    @Refusals({
        ErrorCode.INVALID_REQUEST,
        ErrorCode.INVALID_CREDENTIALS,
        ErrorCode.ACCOUNT_DEACTIVATED,
        ErrorCode.RATE_LIMITED
    })
    @PostMapping("/login")
    Login login(
            @RequestBody LoginRequest request,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String device) {
        String login = request.username() != null ? request.username() : request.email();
        return accounts.login(login, request.password(), device);
    }

    /**
     * 200 {@code {access, refresh}}: the old refresh token is spent; 401 {@code invalid_refresh_token} (also
     * once its session ended); 429 too many refreshes from this address.
     */
    @Operation(
            operationId = "refreshTokens",
            summary = "Exchange a refresh token",
            description =
                    "Answers a new access token and a new refresh token of the same session; the refresh token given is spent. Refused once its session has ended.")
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REFRESH_TOKEN, ErrorCode.RATE_LIMITED})
    @PostMapping("/refresh")
    Tokens refresh(
            @RequestBody RefreshRequest request,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String device) {
        return accounts.refresh(request.refresh(), device);
    }

    /**
     * 204: the caller's session is ended, its refresh tokens (and the one given, which must be the caller's)
     * can no longer be used, its access tokens stop working within a second and its sockets close with 4401.
     */
    @Operation(
            operationId = "logOut",
            summary = "End the caller's session",
            description =
                    "Ends the session of the access token (and of the refresh token given, which must be the caller's own): its tokens stop working and its sockets close with 4401.")
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REFRESH_TOKEN})
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(CurrentUser caller, @RequestBody(required = false) RefreshRequest request) {
        accounts.logout(caller, request == null ? null : request.refresh());
    }
}
