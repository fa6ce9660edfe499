package dev.parley.conversations;

import java.time.Instant;

/** One member who has read a message, and when (seed 003's per-reader read receipts). */
public record ReadBy(long user, String name, Instant readAt) {}
