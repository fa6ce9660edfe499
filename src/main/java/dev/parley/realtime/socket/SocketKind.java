package dev.parley.realtime.socket;

import dev.parley.conversations.Position;
import dev.parley.realtime.delivery.Connection;
import java.util.Map;

/**
 * What differs between the two kinds of socket, {@code /ws/chat/{id}/} ({@link ChatSocketHandler}) and {@code
 * /ws/notifications/} ({@link NotificationsSocketHandler}); {@link OpenSockets} does the rest for both.
 */
interface SocketKind {

    /** Whether this kind is the user stream ({@code /ws/notifications/}) rather than one conversation's socket. */
    boolean streams();

    /** Runs before the socket follows its conversations (a stream joins its user's room). */
    default void beforeFollowing(Connection connection) {}

    /** The positions of the socket's conversations now, those its user is still a member of. */
    Map<Long, Position> currentPositions(Connection connection);

    /** Runs once the socket follows its conversations, with {@code now} from {@link #currentPositions}. */
    default void afterFollowing(Connection connection, Map<Long, Position> now) {}

    /** The socket closed and has left every room. */
    default void closed(Connection connection) {}
}
