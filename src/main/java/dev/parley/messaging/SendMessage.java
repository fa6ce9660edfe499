package dev.parley.messaging;

import tools.jackson.databind.JsonNode;

/**
 * A send request, from a WebSocket frame or {@code POST .../messages/}.
 *
 * @param type message type, {@code "text"} when null
 * @param metadata a JSON object or null
 * @param clientId the sender's idempotency key (at most 64 characters) or null
 */
public record SendMessage(
        long conversationId, long senderId, String body, String type, JsonNode metadata, String clientId) {}
