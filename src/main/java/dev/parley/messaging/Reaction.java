package dev.parley.messaging;

/**
 * An emoji on a message, as the viewer sees it.
 *
 * @param count how many members reacted with it
 * @param mine whether the viewer is one of them
 */
public record Reaction(String emoji, long count, boolean mine) {}
