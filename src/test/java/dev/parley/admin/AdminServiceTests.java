package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.parley.accounts.Account;
import dev.parley.accounts.AccountAdministration;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.Role;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The admin API's rules without a database: who may act, what an admin may not do to their own account or to an
 * admin by configuration, an invite's bounds, and that every action is audited and counted while a refused one is
 * neither. The accounts, registration, invites and audit log are stand-ins.
 */
class AdminServiceTests {

    private final AccountAdministration accounts = mock(AccountAdministration.class);
    private final Invites invites = mock(Invites.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AdminService admin = new AdminService(accounts, mock(Registration.class), invites, audit, meters);
    private final Actor ann = new Actor(1L, "ann");

    private static Account account(long id, String username, Role role, boolean active) {
        return new Account(id, username, null, username, role, active, Instant.EPOCH, null, 0);
    }

    private static ErrorCode refusal(Executable action) {
        ParleyException refused = catchThrowableOfType(ParleyException.class, () -> {
            try {
                action.execute();
            } catch (Throwable e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        });
        assertThat(refused).as("refused").isNotNull();
        return refused.errorCode();
    }

    private double actions(AdminAction action) {
        return meters.get("parley.admin.actions")
                .tag("action", action.wireName())
                .counter()
                .count();
    }

    @Test
    void onlyAnActiveAdminIsAnActorAndEachRefusalIsCounted() {
        CurrentUser ben =
                new CurrentUser(2, "ben", UUID.randomUUID(), Instant.now().plusSeconds(60));
        assertThat(refusal(() -> admin.actor(ben))).isEqualTo(ErrorCode.ADMIN_ONLY);
        assertThat(refusal(() -> admin.actor(ben))).isEqualTo(ErrorCode.ADMIN_ONLY);
        assertThat(meters.get("parley.admin.refusals").counter().count()).isEqualTo(2);
        when(accounts.isActiveAdmin(2)).thenReturn(true);
        assertThat(admin.actor(ben)).isEqualTo(new Actor(2L, "ben"));
    }

    @Test
    void anAdminCannotDeactivateOrDemoteTheirOwnAccount() {
        when(accounts.get(1)).thenReturn(account(1, "ann", Role.ADMIN, true));
        assertThat(refusal(() -> admin.setActive(ann, 1, false))).isEqualTo(ErrorCode.OWN_ACCOUNT);
        assertThat(refusal(() -> admin.setAdmin(ann, 1, false))).isEqualTo(ErrorCode.OWN_ACCOUNT);
        verify(accounts, never()).setActive(anyLong(), anyLong(), anyBoolean());
        verify(accounts, never()).setRole(anyLong(), anyLong(), any());
        verifyNoInteractions(audit);
    }

    @Test
    void anAdminNamedInTheConfigurationKeepsTheRole() {
        when(accounts.get(3)).thenReturn(account(3, "root", Role.ADMIN, true));
        when(accounts.isAdminByConfiguration("root")).thenReturn(true);
        assertThat(refusal(() -> admin.setAdmin(ann, 3, false))).isEqualTo(ErrorCode.ADMIN_BY_CONFIGURATION);
        verify(accounts, never()).setRole(anyLong(), anyLong(), any());
        verifyNoInteractions(audit);
    }

    @Test
    void eachActionIsAuditedWithItsTargetAndCounted() {
        when(accounts.setActive(1L, 5, false)).thenReturn(account(5, "ben", Role.USER, false));
        admin.setActive(ann, 5, false);
        verify(audit).append(ann, AdminAction.DEACTIVATE, 5L, "ben", "");
        assertThat(actions(AdminAction.DEACTIVATE)).isEqualTo(1);
        assertThat(actions(AdminAction.REACTIVATE)).isZero();
    }

    @Test
    void anInviteAdmitsOneToAThousandRegistrationsForAnHourToAYear() {
        assertThat(refusal(() -> admin.createInvite(ann, 0, Duration.ofDays(1))))
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refusal(() -> admin.createInvite(ann, 1001, Duration.ofDays(1))))
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refusal(() -> admin.createInvite(ann, 5, Duration.ofMinutes(59))))
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refusal(() -> admin.createInvite(ann, 5, Duration.ofDays(366))))
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        verify(invites, never()).create(any(), anyInt(), any());
        Invite invite = new Invite(7, "code", Instant.EPOCH, Instant.EPOCH, 1000, 0, false);
        when(invites.create(any(), anyInt(), any())).thenReturn(invite);
        assertThat(admin.createInvite(ann, 1000, Duration.ofDays(365))).isEqualTo(invite);
        assertThat(admin.createInvite(ann, 1, Duration.ofHours(1))).isEqualTo(invite);
        assertThat(actions(AdminAction.CREATE_INVITE)).isEqualTo(2);
    }

    @Test
    void revokingAnInviteThatDoesNotExistIsNotFoundAndNotAudited() {
        assertThat(refusal(() -> admin.revokeInvite(ann, 42))).isEqualTo(ErrorCode.NOT_FOUND);
        verifyNoInteractions(audit);
        when(invites.revoke(42)).thenReturn(true);
        admin.revokeInvite(ann, 42);
        verify(audit).append(ann, AdminAction.REVOKE_INVITE, null, "", "invite 42");
    }
}
