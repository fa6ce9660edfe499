package dev.parley.realtime;

import dev.parley.fanout.Broker;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The sockets open on this node, by conversation. While a conversation has a socket here, this node
 * is subscribed to the conversation's broker topic; each {@link Envelope} that arrives is written, as
 * already encoded, to every local socket of the conversation (except the excluded user's). A slow
 * socket is closed by its {@link Connection}, never waited for.
 */
@Component
class LocalHub {

    /** A conversation's local sockets and this node's subscription to its topic; guarded by itself. */
    private static final class Room {
        final Set<Connection> connections = ConcurrentHashMap.newKeySet();
        Broker.Subscription subscription;
        boolean closed;
    }

    private final Map<Long, Room> rooms = new ConcurrentHashMap<>();
    private final Broker broker;

    LocalHub(Broker broker) {
        this.broker = broker;
    }

    /**
     * Adds a socket; the first of its conversation subscribes this node to the conversation's topic,
     * which may wait for the broker's confirmation (never inside the map's lock).
     */
    void add(Connection connection) {
        long id = connection.conversationId();
        while (true) {
            Room room = rooms.computeIfAbsent(id, key -> new Room());
            synchronized (room) {
                if (room.closed) {
                    continue; // the last socket just left and the room is being removed: make a new one
                }
                if (room.subscription == null) {
                    room.subscription = broker.subscribe(Envelope.topic(id), this::deliver, () -> interrupted(id));
                }
                room.connections.add(connection);
                return;
            }
        }
    }

    void remove(Connection connection) {
        Room room = rooms.get(connection.conversationId());
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (room.connections.remove(connection) && room.connections.isEmpty()) {
                room.closed = true;
                rooms.remove(connection.conversationId(), room);
                if (room.subscription != null) {
                    room.subscription.close();
                }
            }
        }
    }

    /** Publishes an event for the sockets of its conversation on every node. */
    void publish(Envelope envelope) {
        broker.publish(Envelope.topic(envelope.conversation()), envelope.encode());
    }

    /** The broker may have dropped events of the conversation: every local socket catches up from PostgreSQL. */
    private void interrupted(long conversationId) {
        Room room = rooms.get(conversationId);
        if (room != null) {
            room.connections.forEach(connection -> connection.sequencer().catchUp());
        }
    }

    private void deliver(byte[] payload) {
        Envelope envelope = Envelope.decode(payload);
        Room room = rooms.get(envelope.conversation());
        if (room == null) {
            return;
        }
        int frameBytes = envelope.frameBytes(payload);
        for (Connection connection : room.connections) {
            if (connection.userId() != envelope.exceptUser()) {
                connection.deliver(envelope.seq(), envelope.frame(), frameBytes);
            }
        }
    }
}
