package dev.parley.messaging;

import dev.parley.accounts.User;
import dev.parley.accounts.UserDirectory;
import dev.parley.conversations.ConversationService;
import dev.parley.conversations.MembershipChange;
import dev.parley.conversations.MembershipChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records every group membership change as a system message (SPEC: "membership changes appear as
 * system messages and as events"), in the changing transaction, so it has its place (seq) among the
 * messages: {@code type} is the change ({@code member_added}, …), {@code metadata} is
 * {@code {"user_id", "actor_id", "title"?}}, {@code sender} is null.
 */
@Component
class MembershipMessages {

    private final ConversationService conversations;
    private final MessageRepository messages;
    private final UserDirectory accounts;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    MembershipMessages(
            ConversationService conversations,
            MessageRepository messages,
            UserDirectory accounts,
            ApplicationEventPublisher events,
            JsonMapper json) {
        this.conversations = conversations;
        this.messages = messages;
        this.accounts = accounts;
        this.events = events;
        this.json = json;
    }

    @EventListener
    void on(MembershipChanged change) {
        ObjectNode metadata =
                json.createObjectNode().put("user_id", change.userId()).put("actor_id", change.actorId());
        if (change.title() != null) {
            metadata.put("title", change.title());
        }
        long seq = conversations.nextSystemSeq(change.conversationId());
        MessageView message = messages.insertSystem(
                change.conversationId(), seq, change.kind().wireName(), body(change), metadata);
        events.publishEvent(new MessagePosted(
                message,
                change.kind() == MembershipChange.MEMBER_ADDED ? change.userId() : null,
                change.leaves() ? change.userId() : null));
    }

    private String body(MembershipChanged change) {
        String user = name(change.userId());
        String actor = name(change.actorId());
        return switch (change.kind()) {
            case GROUP_CREATED -> actor + " created the group “" + change.title() + "”";
            case MEMBER_ADDED -> actor + " added " + user;
            case MEMBER_REMOVED -> actor + " removed " + user;
            case MEMBER_LEFT -> user + " left";
            case TITLE_CHANGED -> actor + " renamed the group to “" + change.title() + "”";
        };
    }

    private String name(long userId) {
        return accounts.find(userId).map(User::name).orElse("someone");
    }
}
