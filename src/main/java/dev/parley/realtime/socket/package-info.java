/**
 * The sockets themselves: handshakes (authentication, membership, Origin, the starting positions),
 * the two handlers ({@code /ws/chat/{id}/} and {@code /ws/notifications/}), client frame dispatch,
 * graceful shutdown, and the servlet container's side of
 * {@link dev.parley.realtime.delivery.SocketTransport} and its buffer sizes.
 */
package dev.parley.realtime.socket;
