package dev.parley.realtime;

import dev.parley.conversations.ConversationService;
import dev.parley.conversations.Position;
import dev.parley.messaging.MessageService;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * {@code /ws/notifications/} (seed 002, SPEC): the caller's own stream. It follows every conversation
 * the caller is a member of when it connects, each in seq order from its newest message, and pushes
 * {@code unread_count} changes. Frames that act on a conversation name it.
 */
@Component
class NotificationsSocketHandler extends SocketHandler {

    private static final ExecutorService JOINERS = Executors.newVirtualThreadPerTaskExecutor();

    private final ConversationService conversations;
    private final MessageService messages;
    private final UnreadCounts unreadCounts;

    NotificationsSocketHandler(
            SocketSupport support,
            ConversationService conversations,
            MessageService messages,
            UnreadCounts unreadCounts) {
        super(support);
        this.conversations = conversations;
        this.messages = messages;
        this.unreadCounts = unreadCounts;
        support.hub()
                .setMembershipListener((stream, conversationId, startSeq) ->
                        JOINERS.execute(() -> followNew(stream, conversationId, startSeq)));
    }

    /**
     * Follows a conversation the user just joined, from the message after {@code startSeq} and the edits
     * made since (joining may wait for the broker).
     */
    private void followNew(Connection stream, long conversationId, long startSeq) {
        if (stream.followed(conversationId) == null) {
            long revision =
                    messages.revisionsSince(Map.of(conversationId, startSeq)).getOrDefault(conversationId, 0L);
            Connection.Followed followed =
                    stream.follow(conversationId, new Position(startSeq, revision), support.catchUp());
            support.hub().add(stream, conversationId);
            followed.catchUp();
            support.presence().snapshot(stream, conversationId); // new contacts among its members
        }
    }

    @Override
    protected Connection open(WebSocketSession session) {
        Map<String, Object> attributes = session.getAttributes();
        long userId = (Long) attributes.get(ChatHandshakeInterceptor.USER_ID);
        Connection connection = new Connection(
                session,
                userId,
                (String) attributes.get(ChatHandshakeInterceptor.USERNAME),
                null,
                support.properties());
        connection.onLeft(conversationId -> support.hub().leave(connection, conversationId));
        support.hub().addStream(connection); // first: a conversation created from now on is announced to it
        Map<Long, Position> before = conversations.positionsOf(userId);
        before.forEach((conversationId, position) -> {
            connection.follow(conversationId, position, support.catchUp());
            support.hub().add(connection, conversationId);
        });
        // what committed between reading the positions and joining the rooms: one query, catch-up where needed
        conversations.positionsOf(userId).forEach((conversationId, position) -> {
            Connection.Followed followed = connection.followed(conversationId);
            if (followed != null && !position.equals(before.get(conversationId))) {
                followed.catchUp();
            }
        });
        unreadCounts.refresh(connection);
        support.presence().snapshot(connection);
        return connection;
    }

    @Override
    protected void closed(Connection connection) {
        unreadCounts.forget(connection);
    }
}
