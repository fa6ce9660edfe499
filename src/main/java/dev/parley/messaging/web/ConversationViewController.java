package dev.parley.messaging.web;

import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.UserDirectory;
import dev.parley.conversations.Conversation;
import dev.parley.conversations.ConversationKind;
import dev.parley.conversations.ConversationService;
import dev.parley.conversations.GroupService;
import dev.parley.conversations.Member;
import dev.parley.conversations.UserSummary;
import dev.parley.messaging.InboxService;
import dev.parley.messaging.InboxView;
import dev.parley.messaging.MessageService;
import dev.parley.messaging.MessageView;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A conversation as a resource: seed 000's list, detail and unread count, with SPEC's extensions, and its {@code PATCH}. */
@Tag(name = "Conversations")
@RestController
class ConversationViewController {

    /** SPEC's {@code PATCH}: {@code title} (groups, admins), {@code archived} and {@code muted} (the caller's own). */
    record Patch(String title, Boolean archived, Boolean muted) {}

    /**
     * Seed 000's detail: {@code {id, other_user, messages, created_at}} plus {@code kind, title, last_seq};
     * {@code messages} is the newest page, oldest first.
     */
    record ConversationDetail(
            long id,
            ConversationKind kind,
            @Schema(nullable = true) String title,

            @Schema(oneOf = UserSummary.class, nullable = true)
            UserSummary otherUser,

            @Schema(nullable = true) List<Member> members,
            List<MessageView> messages,
            long lastSeq,
            Instant createdAt) {}

    record UnreadCount(long unreadCount) {}

    private final InboxService inbox;
    private final ConversationService conversations;
    private final MessageService messages;
    private final UserDirectory accounts;
    private final GroupService groups;

    ConversationViewController(
            InboxService inbox,
            ConversationService conversations,
            MessageService messages,
            UserDirectory accounts,
            GroupService groups) {
        this.inbox = inbox;
        this.conversations = conversations;
        this.messages = messages;
        this.accounts = accounts;
        this.groups = groups;
    }

    /** The caller's conversations, most recent activity first; {@code ?archived=true} for the archived ones. */
    @Operation(
            operationId = "listConversations",
            summary = "List the caller's conversations",
            description =
                    "Newest activity first, each with its last message and unread count; archived ones with `archived=true`.")
    @GetMapping("/api/chats/conversations")
    List<InboxView> list(CurrentUser caller, @RequestParam(defaultValue = "false") boolean archived) {
        return inbox.list(caller.id(), archived);
    }

    /** 404 {@code conversation_not_found}, 403 {@code not_a_participant}. */
    @Operation(
            operationId = "getConversation",
            summary = "Get a conversation",
            description = "Its kind, title, members, last seq and the caller's unread count.")
    @Refusals({ErrorCode.NOT_A_PARTICIPANT, ErrorCode.CONVERSATION_NOT_FOUND})
    @GetMapping("/api/chats/conversations/{id}")
    ConversationDetail detail(CurrentUser caller, @PathVariable long id) {
        Conversation conversation = conversations.requireMember(id, caller.id());
        UserSummary other = conversation.kind() == ConversationKind.DIRECT
                ? conversations.memberIds(id).stream()
                        .filter(member -> member != caller.id())
                        .findFirst()
                        .flatMap(accounts::find)
                        .map(user -> conversations.summaryFor(user, caller.id()))
                        .orElse(null)
                : null;
        return new ConversationDetail(
                id,
                conversation.kind(),
                conversation.title(),
                other,
                conversation.kind() == ConversationKind.GROUP ? groups.members(id) : null,
                messages.latest(id, caller.id()),
                conversation.lastSeq(),
                conversation.createdAt());
    }

    /** {@code {unread_count}} over all the caller's conversations. */
    @Operation(
            operationId = "getUnreadCount",
            summary = "Count unread messages",
            description = "Unread messages over all the caller's conversations.")
    @GetMapping("/api/chats/unread-count")
    UnreadCount unreadCount(CurrentUser caller) {
        return new UnreadCount(inbox.unreadCount(caller.id()));
    }

    /**
     * 204. {@code title}: an admin renames a group; {@code archived} / {@code muted}: the caller's own view
     * of any conversation. 400 {@code invalid_request} without any of them.
     */
    @Operation(
            operationId = "updateConversation",
            summary = "Update a conversation",
            description = "Renames a group (admins), or archives or mutes the conversation for the caller.")
    @Refusals({
        ErrorCode.INVALID_REQUEST,
        ErrorCode.NOT_A_GROUP,
        ErrorCode.NOT_A_PARTICIPANT,
        ErrorCode.NOT_AN_ADMIN,
        ErrorCode.CONVERSATION_NOT_FOUND
    })
    @PatchMapping("/api/chats/conversations/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void patch(CurrentUser caller, @PathVariable long id, @RequestBody Patch request) {
        if (request.title() == null && request.archived() == null && request.muted() == null) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "Send title, archived or muted");
        }
        if (request.title() != null) {
            groups.rename(id, caller.id(), request.title());
        }
        if (request.archived() != null || request.muted() != null) {
            conversations.updateSettings(id, caller.id(), request.archived(), request.muted());
        }
    }
}
