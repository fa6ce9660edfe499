/**
 * Delivery to sockets: each socket's {@link dev.parley.realtime.delivery.Connection}, the one door every
 * frame passes, with a {@link dev.parley.realtime.delivery.Sequencer} per conversation and counter that
 * writes each seq and revision once and in order; catch-up and gap fills from PostgreSQL; the
 * {@link dev.parley.realtime.delivery.LocalHub}, which delivers this node's events to its own sockets first
 * and carries them to other nodes through the broker as versioned bytes; the realtime layer's threads and
 * meters. Knows nothing of the servlet container beyond {@link dev.parley.realtime.delivery.SocketTransport}.
 */
package dev.parley.realtime.delivery;
