package dev.parley.conversations;

/**
 * How far a conversation has come, or how far a client has it: messages by {@code seq} and edits and
 * deletes by {@code revision}, two gapless per-conversation counters.
 *
 * @param seq the newest message's seq (0: none)
 * @param revision the newest edit's or delete's revision (0: none)
 */
public record Position(long seq, long revision) {}
