package dev.parley.conversations.web;

import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.UserDirectory;
import dev.parley.conversations.ConversationService;
import dev.parley.conversations.DirectConversation;
import dev.parley.limits.RateLimit;
import dev.parley.limits.RateLimiter;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/chats/conversations/create/} (seed 000): create-or-get a direct conversation. */
@Tag(name = "Conversations")
@RestController
class DirectConversationController {

    /** Seed 000's {@code {user_id}}, or Parley's {@code {username}}. */
    record CreateRequest(Long userId, String username) {}

    private final ConversationService conversations;
    private final UserDirectory accounts;
    private final RateLimiter limiter;

    DirectConversationController(ConversationService conversations, UserDirectory accounts, RateLimiter limiter) {
        this.conversations = conversations;
        this.accounts = accounts;
        this.limiter = limiter;
    }

    /**
     * 201 {@code {id, other_user, created: true, created_at}} when new, 200 with {@code created: false}
     * when it exists; 400 {@code invalid_request} / {@code self_conversation}, 404 {@code user_not_found}
     * (also for a deactivated account), 429 {@code rate_limited} (the {@code conversation-create} limit).
     */
    @ApiResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = DirectConversation.class)))
    @ApiResponse(
            responseCode = "200",
            description = "The conversation already existed",
            content = @Content(schema = @Schema(implementation = DirectConversation.class)))
    @Operation(
            operationId = "createDirectConversation",
            summary = "Start a direct conversation",
            description =
                    "The one conversation between the caller and another user, created on first use (201) or found (200). `other_user.email` is an empty string unless the caller is an admin or the server shows emails to everyone (parley.privacy.email-visibility). Deactivated accounts are not found. Limited per user (conversation-create).")
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.SELF_CONVERSATION, ErrorCode.USER_NOT_FOUND, ErrorCode.RATE_LIMITED
    })
    @PostMapping("/api/chats/conversations/create")
    ResponseEntity<DirectConversation> create(CurrentUser caller, @RequestBody CreateRequest request) {
        limiter.check(RateLimit.CONVERSATION_CREATE, caller.id());
        long otherId;
        if (request.userId() != null) {
            otherId = request.userId();
        } else if (request.username() != null && !request.username().isBlank()) {
            otherId = accounts.findByUsername(request.username().strip())
                    .orElseThrow(() -> new ParleyException(ErrorCode.USER_NOT_FOUND))
                    .id();
        } else {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "user_id or username is required");
        }
        DirectConversation conversation = conversations.createDirect(caller.id(), otherId);
        return ResponseEntity.status(conversation.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(conversation);
    }
}
