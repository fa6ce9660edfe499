/**
 * Conversations (seed 000, SPEC): direct conversations between two users (one per pair) and groups (seed
 * 004), their members and roles, membership changes, each member's read cursor and read receipts, each
 * member's archive and mute settings, and the per-conversation {@code seq} and {@code revision} counters that
 * number messages 1, 2, 3 … without gaps.
 */
@ApplicationModule(allowedDependencies = {"accounts", "limits", "shared"})
package dev.parley.conversations;

import org.springframework.modulith.ApplicationModule;
