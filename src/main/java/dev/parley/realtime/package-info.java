/**
 * The WebSocket gateway (SPEC "WebSocket protocol", seed 000 {@code /ws/chat/{id}/?token=}): handshake
 * authentication and Origin check, per-socket frame handling, and delivery of committed events to the
 * sockets of a conversation. Transport only: every decision is taken by the other modules' APIs.
 */
@ApplicationModule(allowedDependencies = {"messaging", "conversations", "accounts", "fanout", "shared"})
package dev.parley.realtime;

import org.springframework.modulith.ApplicationModule;
