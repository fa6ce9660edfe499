/**
 * Accounts (SPEC "Accounts", seed 001, SPEC "Security and administration"): registration, login by
 * username or email, sessions (each login starts one; logout, the sessions list and a password change end
 * them), short-lived JWT access tokens bound to their session, rotating refresh tokens, roles, deactivation and
 * password reset tokens, the lookups other modules make ({@link dev.parley.accounts.UserDirectory}: users, names,
 * search, who sees emails), and the security rules that authenticate every REST request and WebSocket handshake.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "limits"})
package dev.parley.accounts;

import org.springframework.modulith.ApplicationModule;
