package dev.parley.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.accounts.Account;
import dev.parley.accounts.AccountAdministration;
import dev.parley.accounts.AccountAdministration.ResetToken;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.Role;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The admin API (SPEC "Security and administration"): every action checks that its actor is an active admin
 * ({@link #actor}), is written to the audit log and counted in {@code parley.admin.actions{action}}. An action
 * takes effect first and is logged right after, so an ended session is never left waiting on the log.
 */
@Service
public class AdminService {

    private static final Logger log = LoggerFactory.getLogger(AdminService.class);

    private final AccountAdministration accounts;
    private final Registration registration;
    private final Invites invites;
    private final AuditLog audit;
    private final Map<AdminAction, Counter> actions = new EnumMap<>(AdminAction.class);
    private final Counter refusals;
    /** Callers refused in the last minute, so that each is logged once a minute at most. */
    private final Cache<Long, Boolean> warned = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(10_000)
            .build();

    AdminService(
            AccountAdministration accounts,
            Registration registration,
            Invites invites,
            AuditLog audit,
            MeterRegistry meters) {
        this.accounts = accounts;
        this.registration = registration;
        this.invites = invites;
        this.audit = audit;
        this.refusals = Counter.builder("parley.admin.refusals")
                .description("Admin API calls refused because the caller is not an active admin")
                .register(meters);
        for (AdminAction action : AdminAction.values()) {
            actions.put(
                    action,
                    Counter.builder("parley.admin.actions")
                            .description("Admin actions, through the admin API or bin/parley admin")
                            .tag("action", action.wireName())
                            .register(meters));
        }
    }

    /**
     * The caller as an actor of admin actions. A refusal is counted ({@code parley.admin.refusals}) and logged at
     * WARN, once a minute per caller at most.
     *
     * @throws ParleyException {@code admin_only} (403) unless the caller is an active admin, as read now
     */
    public Actor actor(CurrentUser caller) {
        if (!accounts.isActiveAdmin(caller.id())) {
            refusals.increment();
            if (warned.asMap().putIfAbsent(caller.id(), Boolean.TRUE) == null) {
                log.warn(
                        "Admin API refused to user {} ({}), not an active admin; further refusals of this user are"
                                + " counted in parley_admin_refusals_total but not logged for a minute",
                        caller.id(),
                        caller.username());
            }
            throw new ParleyException(ErrorCode.ADMIN_ONLY);
        }
        return new Actor(caller.id(), caller.username());
    }

    /** Accounts matching {@code search} (all when blank), by id; see {@link AccountAdministration#list}. */
    public List<Account> users(String search, int limit, long offset) {
        return accounts.list(search, limit, offset);
    }

    /** @throws ParleyException {@code user_not_found} (404) */
    public Account user(long id) {
        return accounts.get(id);
    }

    /**
     * Deactivates or reactivates an account; deactivation ends its sessions (sockets closed with 4401 on every
     * node) and its logins get 403 {@code account_deactivated}.
     *
     * @throws ParleyException {@code user_not_found} (404); {@code own_account} (409) for the actor's own; {@code
     *     last_admin} (409) for the only active admin; {@code admin_only} (403) when the actor was demoted meanwhile
     */
    public Account setActive(Actor actor, long id, boolean active) {
        notSelf(actor, id);
        Account account = accounts.setActive(actor.id(), id, active);
        record(actor, active ? AdminAction.REACTIVATE : AdminAction.DEACTIVATE, account, "");
        return account;
    }

    /**
     * Grants or revokes the admin role.
     *
     * @throws ParleyException {@code user_not_found} (404); {@code own_account} (409) revoking the actor's own;
     *     {@code admin_by_configuration} (409) revoking a user named in {@code parley.admins}; {@code last_admin}
     *     (409) revoking the only active admin; {@code admin_only} (403) when the actor was demoted meanwhile
     */
    public Account setAdmin(Actor actor, long id, boolean admin) {
        Account target = accounts.get(id);
        if (!admin) {
            notSelf(actor, id);
            if (accounts.isAdminByConfiguration(target.username())) {
                throw new ParleyException(ErrorCode.ADMIN_BY_CONFIGURATION);
            }
        }
        Account account = accounts.setRole(actor.id(), id, admin ? Role.ADMIN : Role.USER);
        record(actor, admin ? AdminAction.GRANT_ADMIN : AdminAction.REVOKE_ADMIN, account, "");
        return account;
    }

    /** A one-time password reset token for account {@code id}; see {@link AccountAdministration#issueReset}. */
    public ResetToken resetPassword(Actor actor, long id) {
        ResetToken token = accounts.issueReset(id);
        record(
                actor,
                AdminAction.PASSWORD_RESET,
                accounts.get(id),
                "token expires " + token.expiresAt().truncatedTo(ChronoUnit.SECONDS));
        return token;
    }

    /** The registration mode in force. */
    public RegistrationMode registrationMode() {
        return registration.mode();
    }

    /** Sets the registration mode on every node. */
    public RegistrationMode setRegistrationMode(Actor actor, RegistrationMode mode) {
        registration.setMode(mode);
        record(actor, AdminAction.SET_REGISTRATION_MODE, null, "mode=" + mode.wireName());
        return mode;
    }

    /**
     * A new invite code admitting {@code maxUses} registrations until {@code validFor} from now.
     *
     * @throws ParleyException {@code invalid_request} for max_uses outside 1–1000 or a validity outside 1 hour
     *     to 365 days
     */
    public Invite createInvite(Actor actor, int maxUses, Duration validFor) {
        if (maxUses < 1 || maxUses > 1000) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "max_uses: 1 to 1000");
        }
        if (validFor.compareTo(Duration.ofHours(1)) < 0 || validFor.compareTo(Duration.ofDays(365)) > 0) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "expires_in_hours: 1 to 8760");
        }
        Invite invite = invites.create(actor.id(), maxUses, Instant.now().plus(validFor));
        record(actor, AdminAction.CREATE_INVITE, null, "invite " + invite.id() + ", max_uses=" + maxUses);
        return invite;
    }

    /** The newest 100 invites, without their codes. */
    public List<Invite> invites() {
        return invites.list(100);
    }

    /** @throws ParleyException {@code not_found} (404) when there is no invite {@code id} */
    public void revokeInvite(Actor actor, long id) {
        if (!invites.revoke(id)) {
            throw new ParleyException(ErrorCode.NOT_FOUND, "No such invite");
        }
        record(actor, AdminAction.REVOKE_INVITE, null, "invite " + id);
    }

    /** Audit entries older than {@code beforeId} (all when null), newest first. */
    public List<AuditEntry> audit(Long beforeId, int limit) {
        return audit.page(beforeId, limit);
    }

    /** Creates an account whatever the registration mode (the local command). */
    public Account createUser(Actor actor, String username, String email, String password, boolean admin) {
        Account account = accounts.create(username, email, password, admin ? Role.ADMIN : Role.USER);
        record(actor, AdminAction.CREATE_USER, account, admin ? "role=admin" : "");
        return account;
    }

    /** Sets an account's password and ends its sessions (the local command). */
    public Account setPassword(Actor actor, long id, String password) {
        accounts.setPassword(id, password);
        Account account = accounts.get(id);
        record(actor, AdminAction.SET_PASSWORD, account, "");
        return account;
    }

    private static void notSelf(Actor actor, long id) {
        if (actor.id() != null && actor.id() == id) {
            throw new ParleyException(ErrorCode.OWN_ACCOUNT);
        }
    }

    private void record(Actor actor, AdminAction action, Account target, String detail) {
        audit.append(
                actor, action, target == null ? null : target.id(), target == null ? "" : target.username(), detail);
        actions.get(action).increment();
    }
}
