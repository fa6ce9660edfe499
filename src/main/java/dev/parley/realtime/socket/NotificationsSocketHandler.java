package dev.parley.realtime.socket;

import dev.parley.conversations.ConversationService;
import dev.parley.conversations.Position;
import dev.parley.messaging.MessageService;
import dev.parley.realtime.awareness.Presence;
import dev.parley.realtime.awareness.UnreadCounts;
import dev.parley.realtime.delivery.CatchUp;
import dev.parley.realtime.delivery.Connection;
import dev.parley.realtime.delivery.LocalHub;
import dev.parley.realtime.delivery.RealtimeThreads;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code /ws/notifications/} (seed 002, SPEC): the caller's own stream. It follows every conversation
 * the caller is a member of at the handshake, each in seq order from its newest message then, and the
 * ones the caller joins later; it pushes {@code unread_count} changes and presence. Frames that act on a
 * conversation name it.
 */
@Component
class NotificationsSocketHandler implements SocketKind, LocalHub.MembershipListener {

    private final ConversationService conversations;
    private final MessageService messages;
    private final UnreadCounts unreadCounts;
    private final LocalHub hub;
    private final CatchUp catchUp;
    private final Presence presence;
    private final RealtimeThreads threads;

    NotificationsSocketHandler(
            ConversationService conversations,
            MessageService messages,
            UnreadCounts unreadCounts,
            LocalHub hub,
            CatchUp catchUp,
            Presence presence,
            RealtimeThreads threads) {
        this.conversations = conversations;
        this.messages = messages;
        this.unreadCounts = unreadCounts;
        this.hub = hub;
        this.catchUp = catchUp;
        this.presence = presence;
        this.threads = threads;
    }

    @Override
    public boolean streams() {
        return true;
    }

    /** First: a conversation the user joins from now on is announced to the stream. */
    @Override
    public void beforeFollowing(Connection connection) {
        connection.onLeft(conversationId -> hub.leave(connection, conversationId));
        hub.addStream(connection);
    }

    @Override
    public Map<Long, Position> currentPositions(Connection connection) {
        return conversations.positionsOf(connection.userId());
    }

    /**
     * Conversations joined between the handshake and joining the user's room were not announced: they
     * are followed from where the membership began, like an announced one.
     */
    @Override
    public void afterFollowing(Connection connection, Map<Long, Position> now) {
        followUnannounced(connection, now);
        unreadCounts.refresh(connection);
        presence.snapshot(connection);
    }

    private void followUnannounced(Connection stream, Map<Long, Position> now) {
        List<Long> unannounced = now.keySet().stream()
                .filter(conversationId -> stream.followed(conversationId) == null)
                .toList();
        conversations
                .joinedAfterSeqs(stream.userId(), unannounced)
                .forEach((conversationId, joinedAfter) -> followNew(stream, conversationId, joinedAfter));
    }

    /** The user's topic became active (again): conversations joined unannounced are followed from where they began. */
    @Override
    public void resync(Connection stream) {
        threads.readers().execute(() -> followUnannounced(stream, currentPositions(stream)));
    }

    /** The user joined a conversation (on any node): the stream follows it, off the broker's thread. */
    @Override
    public void joined(Connection stream, long conversationId, long startSeq) {
        threads.readers().execute(() -> followNew(stream, conversationId, startSeq));
    }

    /**
     * Follows a conversation the user just joined, from the message after {@code startSeq} and the edits
     * made since.
     */
    private void followNew(Connection stream, long conversationId, long startSeq) {
        if (stream.followed(conversationId) == null) {
            long revision =
                    messages.revisionsSince(Map.of(conversationId, startSeq)).getOrDefault(conversationId, 0L);
            Connection.Followed followed = stream.follow(conversationId, new Position(startSeq, revision), catchUp);
            hub.add(stream, conversationId);
            followed.catchUp();
            presence.snapshot(stream, conversationId); // new contacts among its members
        }
    }

    @Override
    public void closed(Connection connection) {
        unreadCounts.forget(connection);
    }
}
