package dev.parley.messaging.web;

import dev.parley.accounts.CurrentUser;
import dev.parley.limits.RateLimit;
import dev.parley.limits.RateLimiter;
import dev.parley.messaging.MessageService;
import dev.parley.messaging.MessageService.Page;
import dev.parley.messaging.MessageService.Sent;
import dev.parley.messaging.MessageView;
import dev.parley.messaging.ReadReceiptService;
import dev.parley.messaging.SendMessage;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** SPEC's message extensions: history by seq cursor, send over HTTP, mark read. */
@Tag(name = "Messages")
@RestController
@RequestMapping("/api/chats/conversations/{id}")
class MessageController {

    record SendRequest(String body, String type, JsonNode metadata, String clientId) {}

    /** {@code {up_to_seq}} or seed 003's {@code {message_ids}}. */
    record ReadRequest(Long upToSeq, List<Long> messageIds) {}

    /**
     * A history page: {@code results} oldest first; {@code previous} / {@code next} are the paths of the
     * older / newer page, null at either end.
     */
    record MessagePage(
            List<MessageView> results,
            @Schema(nullable = true) String previous,
            @Schema(nullable = true) String next) {}

    private final MessageService messages;
    private final ReadReceiptService readReceipts;
    private final RateLimiter limiter;

    MessageController(MessageService messages, ReadReceiptService readReceipts, RateLimiter limiter) {
        this.messages = messages;
        this.readReceipts = readReceipts;
        this.limiter = limiter;
    }

    /** {@code ?before_seq=&after_seq=&limit=} (limit 1–100, default 50); the newest page without cursors. */
    @Operation(
            operationId = "listMessages",
            summary = "Page through a conversation's messages",
            description =
                    "Messages oldest first by seq: the newest page without cursors, else those before `before_seq` or after `after_seq`; `previous` and `next` link the neighbouring pages.")
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.CONVERSATION_NOT_FOUND})
    @GetMapping("/messages")
    MessagePage history(
            CurrentUser caller,
            @PathVariable long id,
            @RequestParam(name = "before_seq", required = false) Long beforeSeq,
            @RequestParam(name = "after_seq", required = false) Long afterSeq,
            @RequestParam(required = false) Integer limit) {
        Page page = messages.history(id, caller.id(), beforeSeq, afterSeq, limit);
        String base = "/api/chats/conversations/" + id + "/messages/?";
        String size = "&limit=" + (limit == null ? page.messages().size() : limit);
        List<MessageView> results = page.messages();
        String previous = page.hasOlder() && !results.isEmpty()
                ? base + "before_seq=" + results.getFirst().seq() + size
                : null;
        String next = page.hasNewer() && !results.isEmpty()
                ? base + "after_seq=" + results.getLast().seq() + size
                : null;
        return new MessagePage(results, previous, next);
    }

    /**
     * Sends over HTTP; fans out to sockets like a WebSocket send. 201 with the message, or 200 with the
     * original when {@code client_id} was used before; 429 {@code rate_limited} past the user's send limit
     * (shared with WebSocket sends).
     */
    @ApiResponse(
            responseCode = "201",
            description = "Stored: the new message",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    @ApiResponse(
            responseCode = "200",
            description = "A client_id sent before: the original message, nothing stored",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    @Operation(
            operationId = "sendMessage",
            summary = "Send a message",
            description =
                    "Stores the message with the next seq and delivers it to every participant's sockets. A repeated `client_id` stores nothing and answers the original with 200. `type` is `text` (the default) or one this server lets users send (parley.messages.user-types); other types belong to services' system messages and Parley's own (400 reserved_type). Limited per user, together with WebSocket sends.")
    @Refusals({
        ErrorCode.EMPTY_BODY,
        ErrorCode.INVALID_REQUEST,
        ErrorCode.RESERVED_TYPE,
        ErrorCode.NOT_A_PARTICIPANT,
        ErrorCode.CONVERSATION_NOT_FOUND,
        ErrorCode.BODY_TOO_LONG,
        ErrorCode.METADATA_TOO_LARGE,
        ErrorCode.RATE_LIMITED
    })
    @PostMapping("/messages")
    ResponseEntity<MessageView> send(CurrentUser caller, @PathVariable long id, @RequestBody SendRequest request) {
        limiter.check(RateLimit.SEND, caller.id());
        Sent sent = messages.send(new SendMessage(
                id, caller.id(), request.body(), request.type(), request.metadata(), request.clientId()));
        return ResponseEntity.status(sent.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(sent.message());
    }

    /** 204; fans out {@code messages_read} when the cursor moved. */
    @Operation(
            operationId = "markRead",
            summary = "Mark messages read",
            description =
                    "Moves the caller's read cursor up to `up_to_seq` (or over `message_ids`); the other participants get a read receipt.")
    @Refusals({
        ErrorCode.INVALID_REQUEST,
        ErrorCode.INVALID_ID,
        ErrorCode.NOT_FOUND,
        ErrorCode.NOT_A_PARTICIPANT,
        ErrorCode.CONVERSATION_NOT_FOUND
    })
    @PostMapping("/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void read(CurrentUser caller, @PathVariable long id, @RequestBody ReadRequest request) {
        if (request.upToSeq() != null) {
            readReceipts.markRead(id, caller.id(), request.upToSeq());
        } else if (request.messageIds() != null) {
            readReceipts.markRead(id, caller.id(), request.messageIds());
        } else {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "up_to_seq or message_ids is required");
        }
    }
}
