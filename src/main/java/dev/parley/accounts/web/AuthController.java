package dev.parley.accounts.web;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.AccountService.Session;
import dev.parley.accounts.AccountService.Tokens;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.User;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.web.Refusals;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /auth/*} (SPEC "Accounts", seed 001): register, login, refresh, logout. */
@RestController
@RequestMapping("/auth")
class AuthController {

    record RegisterRequest(String username, String email, String password, String name) {}

    /** {@code username} may hold an email too; {@code email} is accepted on its own. */
    record LoginRequest(String username, String email, String password) {}

    record RefreshRequest(String refresh) {}

    private final AccountService accounts;

    AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    /** 201 {@code {id, username, email, name}}; 400 bad fields, 409 username or email taken. */
    @Refusals({
        ErrorCode.INVALID_REQUEST,
        ErrorCode.PASSWORD_TOO_SHORT,
        ErrorCode.PASSWORD_TOO_LONG,
        ErrorCode.USERNAME_TAKEN,
        ErrorCode.EMAIL_TAKEN
    })
    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    User register(@RequestBody RegisterRequest request) {
        return accounts.register(request.username(), request.email(), request.password(), request.name());
    }

    /** 200 {@code {access, refresh, user}}; 401 {@code invalid_credentials}. */
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_CREDENTIALS})
    @PostMapping("/login")
    Session login(@RequestBody LoginRequest request) {
        String login = request.username() != null ? request.username() : request.email();
        return accounts.login(login, request.password());
    }

    /** 200 {@code {access, refresh}}: the old refresh token is spent; 401 {@code invalid_refresh_token}. */
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REFRESH_TOKEN})
    @PostMapping("/refresh")
    Tokens refresh(@RequestBody RefreshRequest request) {
        return accounts.refresh(request.refresh());
    }

    /** 204: the refresh token can no longer be used. */
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REFRESH_TOKEN})
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(CurrentUser caller, @RequestBody RefreshRequest request) {
        accounts.logout(caller.id(), request.refresh());
    }
}
