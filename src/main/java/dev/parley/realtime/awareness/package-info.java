/**
 * What users know of each other beyond messages: typing indicators, presence (shared by nodes through
 * the {@link dev.parley.fanout.PresenceStore}) and the unread counts pushed to user streams.
 */
package dev.parley.realtime.awareness;
