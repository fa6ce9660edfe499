/**
 * Accounts (SPEC "Accounts", seed 001): registration, login by username or email, short-lived JWT
 * access tokens, rotating refresh tokens, logout, user lookup and search, and the security rules that
 * authenticate every REST request and WebSocket handshake.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform"})
package dev.parley.accounts;

import org.springframework.modulith.ApplicationModule;
