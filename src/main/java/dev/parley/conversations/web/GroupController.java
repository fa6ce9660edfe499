package dev.parley.conversations.web;

import dev.parley.accounts.CurrentUser;
import dev.parley.conversations.GroupService;
import dev.parley.conversations.GroupService.Group;
import dev.parley.conversations.Member;
import dev.parley.limits.RateLimit;
import dev.parley.limits.RateLimiter;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Group conversations (SPEC: {@code POST /api/chats/groups/}) and their members. */
@Tag(name = "Conversations")
@RestController
class GroupController {

    record CreateGroup(String title, List<Long> memberIds) {}

    record AddMember(Long userId) {}

    record Members(List<Member> members) {}

    private final GroupService groups;
    private final RateLimiter limiter;

    GroupController(GroupService groups, RateLimiter limiter) {
        this.groups = groups;
        this.limiter = limiter;
    }

    /** 201 {@code {id, kind, title, members, created_at}} of a new group; the caller is its admin. */
    @Operation(
            operationId = "createGroup",
            summary = "Create a group",
            description =
                    "A group with a title and members (active accounts: an unknown or deactivated one is user_not_found); the caller is its admin. Limited per user (conversation-create).")
    @Refusals({ErrorCode.INVALID_REQUEST, ErrorCode.USER_NOT_FOUND, ErrorCode.RATE_LIMITED})
    @PostMapping("/api/chats/groups")
    @ResponseStatus(HttpStatus.CREATED)
    Group create(CurrentUser caller, @RequestBody CreateGroup request) {
        limiter.check(RateLimit.CONVERSATION_CREATE, caller.id());
        return groups.create(caller.id(), request.title(), request.memberIds());
    }

    /** An admin adds {@code user_id}: 201 {@code {members}}; 403 {@code not_an_admin}, 409 {@code already_a_member}. */
    @Operation(
            operationId = "addMember",
            summary = "Add a member",
            description = "A group admin adds a user; everyone gets a member_added system message.")
    @Refusals({
        ErrorCode.INVALID_REQUEST,
        ErrorCode.NOT_A_GROUP,
        ErrorCode.NOT_A_PARTICIPANT,
        ErrorCode.NOT_AN_ADMIN,
        ErrorCode.CONVERSATION_NOT_FOUND,
        ErrorCode.USER_NOT_FOUND,
        ErrorCode.ALREADY_A_MEMBER
    })
    @PostMapping("/api/chats/conversations/{id}/members")
    @ResponseStatus(HttpStatus.CREATED)
    Members add(CurrentUser caller, @PathVariable long id, @RequestBody AddMember request) {
        if (request.userId() == null) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "user_id is required");
        }
        return new Members(groups.addMember(id, caller.id(), request.userId()));
    }

    /** An admin removes a member, or the caller leaves (their own id): 204. */
    @Operation(
            operationId = "removeMember",
            summary = "Remove a member",
            description =
                    "A group admin removes a member; everyone, the removed member included, gets a member_removed system message.")
    @Refusals({
        ErrorCode.NOT_A_GROUP,
        ErrorCode.NOT_A_PARTICIPANT,
        ErrorCode.NOT_AN_ADMIN,
        ErrorCode.CONVERSATION_NOT_FOUND,
        ErrorCode.USER_NOT_FOUND
    })
    @DeleteMapping("/api/chats/conversations/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(CurrentUser caller, @PathVariable long id, @PathVariable long userId) {
        groups.removeMember(id, caller.id(), userId);
    }

    /** The caller leaves: 204. */
    @Operation(
            operationId = "leaveGroup",
            summary = "Leave a group",
            description = "The caller leaves the group; the others get a member_left system message.")
    @Refusals({ErrorCode.NOT_A_GROUP, ErrorCode.NOT_A_PARTICIPANT, ErrorCode.CONVERSATION_NOT_FOUND})
    @DeleteMapping("/api/chats/conversations/{id}/members")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void leave(CurrentUser caller, @PathVariable long id) {
        groups.removeMember(id, caller.id(), caller.id());
    }
}
