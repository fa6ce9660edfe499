package dev.parley.messaging.web;

import dev.parley.messaging.MessageService;
import dev.parley.messaging.MessageView;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/chats/conversations/{id}/system-messages/} for other services (seed 003's dispute,
 * payment and job-update endpoints, generalised), authenticated by {@code X-Parley-Service-Key}: 401
 * {@code invalid_service_credential} without it, also for a user's token.
 */
@Tag(name = "Messages")
@RestController
class SystemMessageController {

    /** {@code {type, body, metadata?}}, e.g. {@code {"type":"payment","body":"Paid $50","metadata":{…}}}. */
    record SystemMessageRequest(String type, String body, JsonNode metadata) {}

    private final MessageService messages;

    SystemMessageController(MessageService messages) {
        this.messages = messages;
    }

    /** 201 with the stored message ({@code sender} null); delivered to the conversation's sockets. */
    @Operation(
            operationId = "postSystemMessage",
            summary = "Post a system message",
            description =
                    "For other services, with the service key: a message without a sender (seed 003 integrations), delivered like any other. Any type but text and Parley's own group changes (group_created, member_added, member_removed, member_left, title_changed: 400 reserved_type).")
    @Refusals({
        ErrorCode.INVALID_REQUEST,
        ErrorCode.RESERVED_TYPE,
        ErrorCode.EMPTY_BODY,
        ErrorCode.INVALID_SERVICE_CREDENTIAL,
        ErrorCode.CONVERSATION_NOT_FOUND,
        ErrorCode.BODY_TOO_LONG,
        ErrorCode.METADATA_TOO_LARGE
    })
    @PostMapping("/api/chats/conversations/{id}/system-messages")
    @SecurityRequirement(name = "serviceKey")
    @ResponseStatus(HttpStatus.CREATED)
    MessageView post(@PathVariable long id, @RequestBody SystemMessageRequest request) {
        return messages.postSystem(id, request.type(), request.body(), request.metadata());
    }
}
