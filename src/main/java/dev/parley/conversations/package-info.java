/**
 * Conversations (seed 000, SPEC): direct conversations between two users (one per pair), their
 * members, each member's read cursor, and the per-conversation {@code seq} counter that numbers
 * messages 1, 2, 3 … without gaps.
 */
@ApplicationModule(allowedDependencies = {"accounts", "limits", "shared"})
package dev.parley.conversations;

import org.springframework.modulith.ApplicationModule;
