package dev.parley.messaging.web;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.CurrentUser;
import dev.parley.conversations.Conversation;
import dev.parley.conversations.ConversationService;
import dev.parley.conversations.GroupService;
import dev.parley.conversations.Member;
import dev.parley.conversations.UserSummary;
import dev.parley.messaging.InboxService;
import dev.parley.messaging.InboxView;
import dev.parley.messaging.MessageService;
import dev.parley.messaging.MessageView;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Seed 000's conversation list, detail and unread count, with SPEC's extensions. */
@Tag(name = "Conversations")
@RestController
class ConversationViewController {

    /**
     * Seed 000's detail: {@code {id, other_user, messages, created_at}} plus {@code kind, title, last_seq};
     * {@code messages} is the newest page, oldest first.
     */
    record ConversationDetail(
            long id,
            String kind,
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
    private final AccountService accounts;
    private final GroupService groups;

    ConversationViewController(
            InboxService inbox,
            ConversationService conversations,
            MessageService messages,
            AccountService accounts,
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
        UserSummary other = "direct".equals(conversation.kind())
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
                "group".equals(conversation.kind()) ? groups.members(id) : null,
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
}
