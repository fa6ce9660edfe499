package dev.parley.messaging.web;

import dev.parley.accounts.CurrentUser;
import dev.parley.limits.RateLimit;
import dev.parley.limits.RateLimiter;
import dev.parley.messaging.MessageService;
import dev.parley.messaging.MessageView;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * SPEC's {@code PATCH /api/chats/messages/{id}/} and {@code DELETE /api/chats/messages/{id}/} (seed 003):
 * the author edits or deletes their own message; sockets get {@code message_updated} /
 * {@code message_deleted}.
 */
@Tag(name = "Messages")
@RestController
class MessageRevisionController {

    /** {@code {"body": "new text"}}. */
    record EditRequest(String body) {}

    private final MessageService messages;
    private final RateLimiter limiter;

    MessageRevisionController(MessageService messages, RateLimiter limiter) {
        this.messages = messages;
        this.limiter = limiter;
    }

    /** 200 with the edited message ({@code edited_at} set, {@code revision} advanced). */
    @Operation(
            operationId = "editMessage",
            summary = "Edit a message",
            description =
                    "The author replaces the body; `edited_at` is set and the message's revision advances. Participants get `message_updated`.")
    @Refusals({
        ErrorCode.EMPTY_BODY,
        ErrorCode.NOT_A_PARTICIPANT,
        ErrorCode.NOT_THE_AUTHOR,
        ErrorCode.NOT_FOUND,
        ErrorCode.MESSAGE_DELETED,
        ErrorCode.BODY_TOO_LONG,
        ErrorCode.RATE_LIMITED
    })
    @PatchMapping("/api/chats/messages/{id}")
    MessageView edit(CurrentUser caller, @PathVariable long id, @RequestBody EditRequest request) {
        limiter.check(RateLimit.EDIT, caller.id());
        return messages.edit(id, caller.id(), request.body());
    }

    /** 200 with the tombstone ({@code deleted: true}, empty body); deleting again changes nothing. */
    @Operation(
            operationId = "deleteMessage",
            summary = "Delete a message",
            description =
                    "The author deletes the message; a tombstone stays (`deleted: true`, empty body). Participants get `message_deleted`.")
    @Refusals({ErrorCode.NOT_A_PARTICIPANT, ErrorCode.NOT_THE_AUTHOR, ErrorCode.NOT_FOUND, ErrorCode.RATE_LIMITED})
    @DeleteMapping("/api/chats/messages/{id}")
    MessageView delete(CurrentUser caller, @PathVariable long id) {
        limiter.check(RateLimit.EDIT, caller.id());
        return messages.delete(id, caller.id());
    }
}
