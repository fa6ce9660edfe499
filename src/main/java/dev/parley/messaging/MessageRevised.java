package dev.parley.messaging;

/**
 * A message was edited or deleted (its {@code deleted} flag tells which), carrying its new state and
 * {@code revision}; published inside the revising transaction, consumed after commit.
 */
public record MessageRevised(MessageView message) {}
