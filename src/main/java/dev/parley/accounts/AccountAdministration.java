package dev.parley.accounts;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What admins do to accounts (SPEC "Security and administration"), for the admin module: list and find
 * accounts, deactivate and reactivate them, hand out password reset tokens, set roles, and (for the local
 * command) create users and set passwords. The checks of who may do it are the admin module's. Roles read
 * here are effective: {@code admin} when stored so or named in {@code parley.admins}.
 */
@Service
public class AccountAdministration {

    /** How long a password reset token works. */
    public static final Duration RESET_TOKEN_TTL = Duration.ofHours(24);

    /** A password reset token and when it stops working. */
    public record ResetToken(String token, Instant expiresAt) {}

    private final UserRepository users;
    private final SessionService sessions;
    private final PasswordResets resets;
    private final PasswordEncoder passwordEncoder;
    private final AdminsProperties admins;
    private final AccountService accounts;
    private final TransactionTemplate transaction;
    private final UserDirectory directory;

    AccountAdministration(
            UserRepository users,
            SessionService sessions,
            PasswordResets resets,
            PasswordEncoder passwordEncoder,
            AdminsProperties admins,
            AccountService accounts,
            TransactionTemplate transaction,
            UserDirectory directory) {
        this.users = users;
        this.sessions = sessions;
        this.resets = resets;
        this.passwordEncoder = passwordEncoder;
        this.admins = admins;
        this.accounts = accounts;
        this.transaction = transaction;
        this.directory = directory;
    }

    /**
     * Accounts whose username, name or email contains {@code search} (every account when blank), by id.
     *
     * @param limit at most this many; {@code offset} skips that many first
     */
    public List<Account> list(String search, int limit, long offset) {
        return users.accounts(search == null ? "" : search.strip(), null, limit, offset).stream()
                .map(this::effective)
                .toList();
    }

    /**
     * The account with {@code id}.
     *
     * @throws ParleyException {@code user_not_found} (404)
     */
    public Account get(long id) {
        return users.accounts("", id, 1, 0).stream()
                .findFirst()
                .map(this::effective)
                .orElseThrow(() -> new ParleyException(ErrorCode.USER_NOT_FOUND));
    }

    /** A user with its effective role. */
    public record WithRole(User user, Role role) {}

    /** User {@code id} with its effective role, in one read; empty when there is no such user. */
    public Optional<WithRole> withRole(long id) {
        return users.standing(id)
                .map(s -> new WithRole(s.user(), effectiveRole(s.user().username(), s.storedRole())));
    }

    /** Whether user {@code id} is an active admin: what the admin API asks of its caller. */
    public boolean isActiveAdmin(long id) {
        return directory.isActiveAdmin(id);
    }

    /** Whether {@code username} is an admin through {@code parley.admins}. */
    public boolean isAdminByConfiguration(String username) {
        return admins.names(username);
    }

    /**
     * Deactivates (every session ends: tokens refused and sockets closed with 4401 on every node; login then
     * answers 403 {@code account_deactivated}) or reactivates user {@code id}, on behalf of admin {@code actorId}
     * (null: the local command). Idempotent. See {@link #setRole} for how concurrent changes are ordered.
     *
     * @throws ParleyException {@code user_not_found} (404); {@code admin_only} (403) when the actor is no longer an
     *     active admin; {@code last_admin} (409) deactivating the only active admin
     */
    public Account setActive(Long actorId, long id, boolean active) {
        transaction.executeWithoutResult(status -> {
            lockChecked(actorId, id, !active);
            users.setActive(id, active);
        });
        if (!active) {
            sessions.endAllBut(id, null);
        }
        return get(id);
    }

    /**
     * Stores {@code role} for user {@code id} on behalf of admin {@code actorId} (null: the local command); takes
     * effect on the user's next admin request. The rows of the actor and the user are locked first and the actor's
     * standing read again under the lock, so two admins revoking (or deactivating) each other at once are
     * ordered: the second finds it is no longer an admin. The last active admin cannot be demoted.
     *
     * @throws ParleyException {@code user_not_found} (404); {@code admin_only} (403) when the actor is no longer an
     *     active admin; {@code last_admin} (409) revoking the only active admin
     */
    public Account setRole(Long actorId, long id, Role role) {
        transaction.executeWithoutResult(status -> {
            lockChecked(actorId, id, role != Role.ADMIN);
            users.setRole(id, role);
        });
        return get(id);
    }

    /** Locks actor and target, checks the actor is still an active admin and, when {@code demoting}, another stays. */
    private void lockChecked(Long actorId, long id, boolean demoting) {
        var locked = users.lockStanding(actorId == null ? List.of(id) : List.of(actorId, id));
        UserRepository.Standing target = locked.get(id);
        if (target == null) {
            throw new ParleyException(ErrorCode.USER_NOT_FOUND);
        }
        if (actorId != null) {
            UserRepository.Standing actor = locked.get(actorId);
            if (actor == null
                    || !actor.active()
                    || admins.effectiveRole(actor.user().username(), actor.storedRole()) != Role.ADMIN) {
                throw new ParleyException(ErrorCode.ADMIN_ONLY);
            }
        }
        boolean targetIsAdmin =
                target.active() && admins.effectiveRole(target.user().username(), target.storedRole()) == Role.ADMIN;
        if (demoting && targetIsAdmin && !users.anotherActiveAdmin(id, admins.admins())) {
            throw new ParleyException(ErrorCode.LAST_ADMIN);
        }
    }

    /**
     * A one-time token with which user {@code id} sets a new password ({@code POST /auth/password-reset/}),
     * valid for {@link #RESET_TOKEN_TTL}. The current password keeps working until then.
     *
     * @throws ParleyException {@code user_not_found} (404)
     */
    public ResetToken issueReset(long id) {
        if (users.findById(id).isEmpty()) {
            throw new ParleyException(ErrorCode.USER_NOT_FOUND);
        }
        Instant expiresAt = Instant.now().plus(RESET_TOKEN_TTL);
        return new ResetToken(resets.issue(id, expiresAt), expiresAt);
    }

    /**
     * Sets user {@code id}'s password and ends all of its sessions (the local command's reset).
     *
     * @throws ParleyException {@code user_not_found} (404), {@code password_too_short} / {@code
     *     password_too_long} (400)
     */
    public void setPassword(long id, String password) {
        AccountService.checkPassword(password);
        if (users.passwordHash(id).isEmpty()) {
            throw new ParleyException(ErrorCode.USER_NOT_FOUND);
        }
        users.updatePasswordHash(id, passwordEncoder.encode(password));
        sessions.endAllBut(id, null);
    }

    /**
     * Creates a user whatever the registration mode (the local command), with {@code role}.
     *
     * @throws ParleyException as {@link AccountService#register} does
     */
    @Transactional
    public Account create(String username, String email, String password, Role role) {
        User user = accounts.insertChecked(username, email, password, null, role);
        return get(user.id());
    }

    private Account effective(Account account) {
        Role role = effectiveRole(account.username(), account.role());
        return role == account.role()
                ? account
                : new Account(
                        account.id(),
                        account.username(),
                        account.email(),
                        account.name(),
                        role,
                        account.active(),
                        account.createdAt(),
                        account.lastSeenAt(),
                        account.sessions());
    }

    private Role effectiveRole(String username, Role stored) {
        return admins.effectiveRole(username, stored);
    }
}
