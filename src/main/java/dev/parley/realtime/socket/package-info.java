/**
 * The sockets themselves: handshakes (authentication, membership, Origin, the starting positions, taking
 * turns at the {@link dev.parley.realtime.socket.HandshakeGate}), the open sockets of both kinds
 * ({@link dev.parley.realtime.socket.OpenSockets}, with a {@link dev.parley.realtime.socket.SocketKind} each for
 * {@code /ws/chat/{id}/} and {@code /ws/notifications/}), client frame dispatch, heartbeat pings, graceful
 * shutdown, and Jetty's side: the upgrade on its WebSocket core and each socket's frames in
 * ({@link dev.parley.realtime.socket.SocketListener}) and out
 * ({@link dev.parley.realtime.delivery.SocketTransport}).
 */
package dev.parley.realtime.socket;
