package dev.parley.messaging.web;

import dev.parley.accounts.CurrentUser;
import dev.parley.limits.RateLimit;
import dev.parley.limits.RateLimiter;
import dev.parley.messaging.ReactionService;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** SPEC's reactions: {@code POST /api/chats/messages/{id}/reactions/}, {@code DELETE …/reactions/{emoji}/}. */
@Tag(name = "Messages")
@RestController
class ReactionController {

    record AddReaction(String emoji) {}

    /** {@code {message, emoji, count}}: the emoji's count on the message afterwards. */
    record Count(long message, String emoji, long count) {}

    private final ReactionService reactions;
    private final RateLimiter limiter;

    ReactionController(ReactionService reactions, RateLimiter limiter) {
        this.reactions = reactions;
        this.limiter = limiter;
    }

    /** 201; adding the same emoji again changes nothing. */
    @Operation(
            operationId = "addReaction",
            summary = "React to a message",
            description = "Adds the caller's emoji to the message (once per emoji); answers the emoji's count.")
    @Refusals({
        ErrorCode.INVALID_REQUEST,
        ErrorCode.NOT_A_PARTICIPANT,
        ErrorCode.NOT_FOUND,
        ErrorCode.MESSAGE_DELETED,
        ErrorCode.RATE_LIMITED
    })
    @PostMapping("/api/chats/messages/{id}/reactions")
    @ResponseStatus(HttpStatus.CREATED)
    Count add(CurrentUser caller, @PathVariable long id, @RequestBody AddReaction request) {
        limiter.check(RateLimit.REACTION, caller.id());
        return new Count(id, request.emoji(), reactions.add(id, caller.id(), request.emoji()));
    }

    /** 200 with the count afterwards; removing an absent emoji changes nothing. */
    @Operation(
            operationId = "removeReaction",
            summary = "Remove a reaction",
            description = "Removes the caller's emoji from the message; answers the emoji's count.")
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.NOT_FOUND, ErrorCode.RATE_LIMITED})
    @DeleteMapping("/api/chats/messages/{id}/reactions/{emoji}")
    Count remove(CurrentUser caller, @PathVariable long id, @PathVariable String emoji) {
        limiter.check(RateLimit.REACTION, caller.id());
        return new Count(id, emoji, reactions.remove(id, caller.id(), emoji));
    }
}
