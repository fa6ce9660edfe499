package dev.parley.accounts.web;

import dev.parley.accounts.AccountAdministration;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.Role;
import dev.parley.accounts.User;
import dev.parley.accounts.UserDirectory;
import dev.parley.limits.RateLimit;
import dev.parley.limits.RateLimiter;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users/*} (SPEC "Accounts"): the caller, and people to start a chat with. */
@Tag(name = "Accounts")
@RestController
@RequestMapping("/api/users")
class UserController {

    /** The caller: {@code {id, username, email, name, role}}. */
    record Me(long id, String username, String email, String name, Role role) {}

    /** A search hit: {@code {id, username, name}} (no email: search reaches strangers). */
    record UserHit(long id, String username, String name) {}

    private final UserDirectory accounts;
    private final AccountAdministration administration;
    private final RateLimiter limiter;

    UserController(UserDirectory accounts, AccountAdministration administration, RateLimiter limiter) {
        this.accounts = accounts;
        this.administration = administration;
        this.limiter = limiter;
    }

    @Operation(
            operationId = "getCurrentUser",
            summary = "Get the caller",
            description = "The account behind the access token: id, username, email, name and role (user or admin).")
    @GetMapping("/me")
    Me me(CurrentUser caller) {
        AccountAdministration.WithRole me =
                administration.withRole(caller.id()).orElseThrow(() -> new ParleyException(ErrorCode.INVALID_TOKEN));
        User user = me.user();
        return new Me(user.id(), user.username(), user.email(), user.name(), me.role());
    }

    /** Up to 20 other users whose username or name contains {@code search}; empty without a search. */
    @Operation(
            operationId = "searchUsers",
            summary = "Search users",
            description =
                    "Up to 20 other users whose username or name contains the text, to start a conversation with; no emails.")
    @Refusals(ErrorCode.RATE_LIMITED)
    @GetMapping
    List<UserHit> search(CurrentUser caller, @RequestParam(defaultValue = "") String search) {
        if (!search.isBlank()) {
            limiter.check(RateLimit.SEARCH, caller.id());
        }
        return accounts.search(search, caller.id()).stream()
                .map(u -> new UserHit(u.id(), u.username(), u.name()))
                .toList();
    }
}
