package dev.parley.messaging;

/** A new message was stored; published inside the sending transaction, consumed after commit. */
public record MessagePosted(MessageView message) {}
