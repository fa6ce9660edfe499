package dev.parley.messaging.web;

import dev.parley.accounts.CurrentUser;
import dev.parley.limits.RateLimit;
import dev.parley.limits.RateLimiter;
import dev.parley.messaging.MessageView;
import dev.parley.messaging.SearchService;
import dev.parley.messaging.SearchService.Hits;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** {@code GET /api/chats/search/?q=&conversation=&limit=&offset=} over the caller's messages. */
@Tag(name = "Messages")
@RestController
class SearchController {

    /** Hits best first, each a full message (with {@code conversation} and {@code seq} to jump there). */
    record SearchPage(
            List<MessageView> results,
            @Schema(nullable = true) String next) {}

    private final SearchService search;
    private final RateLimiter limiter;

    SearchController(SearchService search, RateLimiter limiter) {
        this.search = search;
        this.limiter = limiter;
    }

    @Operation(
            operationId = "searchMessages",
            summary = "Search the caller's messages",
            description = "Full-text search over the conversations the caller is in (or one of them), best hits first.")
    @Refusals({
        ErrorCode.INVALID_REQUEST,
        ErrorCode.NOT_A_PARTICIPANT,
        ErrorCode.CONVERSATION_NOT_FOUND,
        ErrorCode.RATE_LIMITED
    })
    @GetMapping("/api/chats/search")
    SearchPage search(
            CurrentUser caller,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long conversation,
            @RequestParam(required = false) Integer limit,
            @RequestParam(defaultValue = "0") int offset) {
        limiter.check(RateLimit.SEARCH, caller.id());
        Hits hits = search.search(caller.id(), q, conversation, limit, offset);
        String next = hits.hasMore()
                ? UriComponentsBuilder.fromPath("/api/chats/search/")
                        .queryParam("q", q)
                        .queryParamIfPresent("conversation", java.util.Optional.ofNullable(conversation))
                        .queryParam("limit", hits.messages().size())
                        .queryParam("offset", offset + hits.messages().size())
                        .encode()
                        .toUriString()
                : null;
        return new SearchPage(hits.messages(), next);
    }
}
