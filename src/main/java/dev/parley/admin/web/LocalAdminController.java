package dev.parley.admin.web;

import dev.parley.accounts.Account;
import dev.parley.accounts.User;
import dev.parley.accounts.UserDirectory;
import dev.parley.admin.Actor;
import dev.parley.admin.AdminService;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What {@code bin/parley admin} asks of the node (see {@code LocalAdminAccess}): create a user, set a password,
 * grant or revoke admin; each is in the audit log with actor {@code bin/parley admin}. Not part of the public
 * API, so not in the OpenAPI document.
 */
@Hidden
@RestController
@RequestMapping("/local/admin/users")
class LocalAdminController {

    record NewUser(String username, String email, String password, Boolean admin) {}

    record Password(String password) {}

    record Admin(Boolean admin) {}

    private final AdminService admin;
    private final UserDirectory accounts;

    LocalAdminController(AdminService admin, UserDirectory accounts) {
        this.admin = admin;
        this.accounts = accounts;
    }

    /** 201 the new account, whatever the registration mode. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Account create(@RequestBody NewUser request) {
        return admin.createUser(
                Actor.local(),
                request.username(),
                request.email(),
                request.password(),
                Boolean.TRUE.equals(request.admin()));
    }

    /** Sets the password of {@code username} and ends its sessions. */
    @PutMapping("/{username}/password")
    Account password(@PathVariable String username, @RequestBody Password request) {
        return admin.setPassword(Actor.local(), user(username).id(), request.password());
    }

    /** Grants ({@code admin} true) or revokes ({@code admin} false) the admin role of {@code username}. */
    @PutMapping("/{username}/admin")
    Account setAdmin(@PathVariable String username, @RequestBody Admin request) {
        if (request.admin() == null) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "admin: true or false");
        }
        return admin.setAdmin(Actor.local(), user(username).id(), request.admin());
    }

    private User user(String username) {
        return accounts.findByUsername(username).orElseThrow(() -> new ParleyException(ErrorCode.USER_NOT_FOUND));
    }
}
