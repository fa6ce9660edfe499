/**
 * Administration (SPEC "Security and administration"): the admin API under {@code /api/admin/} (accounts:
 * search, deactivate, reactivate, password reset tokens, admin role; registration mode {@code open},
 * {@code invite} or {@code closed} with invite codes; the audit log of every admin action), the local
 * command {@code bin/parley admin} for when nobody can log in (over loopback, with a credential the node
 * keeps in its data directory), and who sees the health endpoint's components.
 */
@ApplicationModule(allowedDependencies = {"accounts", "shared", "platform"})
package dev.parley.admin;

import org.springframework.modulith.ApplicationModule;
