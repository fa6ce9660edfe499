package dev.parley.realtime;

import dev.parley.conversations.ConversationService;
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
    private final UnreadCounts unreadCounts;

    NotificationsSocketHandler(SocketSupport support, ConversationService conversations, UnreadCounts unreadCounts) {
        super(support);
        this.conversations = conversations;
        this.unreadCounts = unreadCounts;
        support.hub()
                .setMembershipListener((stream, conversationId, startSeq) ->
                        JOINERS.execute(() -> followNew(stream, conversationId, startSeq)));
    }

    /** Follows a conversation the user just joined, from its first message (joining may wait for the broker). */
    private void followNew(Connection stream, long conversationId, long startSeq) {
        if (stream.sequencer(conversationId) == null) {
            Sequencer sequencer = stream.follow(conversationId, startSeq, support.catchUp());
            support.hub().add(stream, conversationId);
            sequencer.catchUp();
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
        Map<Long, Long> before = conversations.lastSeqsOf(userId);
        before.forEach((conversationId, lastSeq) -> {
            connection.follow(conversationId, lastSeq, support.catchUp());
            support.hub().add(connection, conversationId);
        });
        // what committed between reading the seqs and joining the rooms: one query, catch-up only where needed
        conversations.lastSeqsOf(userId).forEach((conversationId, lastSeq) -> {
            Sequencer sequencer = connection.sequencer(conversationId);
            if (sequencer != null && lastSeq > before.getOrDefault(conversationId, 0L)) {
                sequencer.catchUp();
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
