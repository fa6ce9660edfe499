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

    private record Room(Set<Connection> connections, Broker.Subscription subscription) {}

    private final Map<Long, Room> rooms = new ConcurrentHashMap<>();
    private final Broker broker;

    LocalHub(Broker broker) {
        this.broker = broker;
    }

    void add(Connection connection) {
        rooms.compute(connection.conversationId(), (id, room) -> {
            Room joined = room != null
                    ? room
                    : new Room(ConcurrentHashMap.newKeySet(), broker.subscribe(Envelope.topic(id), this::deliver));
            joined.connections().add(connection);
            return joined;
        });
    }

    void remove(Connection connection) {
        rooms.computeIfPresent(connection.conversationId(), (id, room) -> {
            room.connections().remove(connection);
            if (room.connections().isEmpty()) {
                room.subscription().close();
                return null;
            }
            return room;
        });
    }

    /** Publishes an event for the sockets of its conversation on every node. */
    void publish(Envelope envelope) {
        broker.publish(Envelope.topic(envelope.conversation()), envelope.encode());
    }

    private void deliver(byte[] payload) {
        Envelope envelope = Envelope.decode(payload);
        Room room = rooms.get(envelope.conversation());
        if (room == null) {
            return;
        }
        for (Connection connection : room.connections()) {
            if (connection.userId() != envelope.exceptUser()) {
                connection.send(envelope.frame());
            }
        }
    }
}
