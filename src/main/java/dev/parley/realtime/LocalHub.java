package dev.parley.realtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The sockets open on this node, by conversation. Delivery writes an already encoded frame to each
 * socket of a conversation; a slow socket is closed by its {@link Connection}, never waited for.
 */
@Component
class LocalHub {

    private final Map<Long, Set<Connection>> byConversation = new ConcurrentHashMap<>();

    void add(Connection connection) {
        byConversation
                .computeIfAbsent(connection.conversationId(), id -> ConcurrentHashMap.newKeySet())
                .add(connection);
    }

    void remove(Connection connection) {
        byConversation.computeIfPresent(connection.conversationId(), (id, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /** Sends {@code frame} to every socket of the conversation except those of {@code exceptUserId} (or none). */
    void deliver(long conversationId, String frame, Long exceptUserId) {
        Set<Connection> connections = byConversation.get(conversationId);
        if (connections == null) {
            return;
        }
        for (Connection connection : connections) {
            if (exceptUserId == null || connection.userId() != exceptUserId) {
                connection.send(frame);
            }
        }
    }
}
