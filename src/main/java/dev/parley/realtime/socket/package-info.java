/**
 * The sockets themselves: handshakes (authentication, membership, Origin, the starting positions, taking
 * turns at the {@link dev.parley.realtime.socket.HandshakeGate}), the two handlers ({@code /ws/chat/{id}/} and
 * {@code /ws/notifications/}), client frame dispatch, heartbeat pings, graceful shutdown, and Jetty's side:
 * the upgrade on its WebSocket core, each socket's frames in and out
 * ({@link dev.parley.realtime.delivery.SocketTransport}).
 */
package dev.parley.realtime.socket;
