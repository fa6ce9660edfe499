/**
 * The WebSocket gateway (SPEC "WebSocket protocol", seed 000 {@code /ws/chat/{id}/?token=}), split by role:
 * {@code socket} (handshakes, handlers, frame dispatch, Jetty behind
 * {@link dev.parley.realtime.delivery.SocketTransport}), {@code delivery} (each socket's one ordered door,
 * catch-up from PostgreSQL, local-first fan-out through the broker, its threads and meters),
 * {@code awareness} (typing, presence, unread counts) and {@code protocol} (frames and close codes).
 * Transport only: every decision is taken by the other modules' APIs.
 */
@ApplicationModule(allowedDependencies = {"messaging", "conversations", "accounts", "fanout", "shared", "limits"})
package dev.parley.realtime;

import org.springframework.modulith.ApplicationModule;
