package dev.parley.realtime;

import dev.parley.fanout.Broker;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The sockets open on this node, in rooms: one per conversation (its sockets and the user streams that
 * follow it) and one per user with a stream here. While a room has a socket, this node is subscribed to
 * its broker topic ({@code conversation:{id}} / {@code user:{id}}). A conversation {@link Envelope} is
 * handed, as already encoded, to each socket of the room except the excluded user's; a user envelope
 * carries a frame for that user's streams, or news that the user joined a conversation. Handing over
 * never blocks: a slow socket is closed by its {@link Outbox}.
 */
@Component
class LocalHub {

    /** A conversation's local sockets and this node's subscription to its topic; guarded by itself. */
    private static final class Room {
        final Set<Connection> connections = ConcurrentHashMap.newKeySet();
        Broker.Subscription subscription;
        boolean closed;
    }

    /** Told of every event reaching a local socket's conversation, excluded user or not (unread counts follow). */
    interface DeliveryListener {
        void delivered(Connection connection, Envelope envelope);
    }

    /** Told when one of a local user stream's users became a member of a conversation (on any node). */
    interface MembershipListener {
        /** @param startSeq the stream is sent the conversation's messages after this seq */
        void joined(Connection stream, long conversationId, long startSeq);
    }

    private final Map<Long, Room> rooms = new ConcurrentHashMap<>();
    private final Map<Long, Room> users = new ConcurrentHashMap<>();
    private volatile MembershipListener membershipListener = (stream, conversationId, startSeq) -> {};
    private final Broker broker;
    private volatile DeliveryListener listener = (connection, envelope) -> {};

    LocalHub(Broker broker) {
        this.broker = broker;
    }

    void setDeliveryListener(DeliveryListener listener) {
        this.listener = listener;
    }

    void setMembershipListener(MembershipListener listener) {
        this.membershipListener = listener;
    }

    /** Adds a socket to a conversation's room, subscribing this node to the conversation if needed. */
    void add(Connection connection, long conversationId) {
        join(
                rooms,
                conversationId,
                Envelope.topic(conversationId),
                connection,
                this::deliver,
                () -> interrupted(conversationId));
    }

    /** Adds a user stream to its user's room, so it hears of conversations its user joins. */
    void addStream(Connection stream) {
        long userId = stream.userId();
        join(users, userId, Envelope.userTopic(userId), stream, payload -> userEvent(userId, payload), () -> {});
    }

    /**
     * Adds a socket; the first of its conversation subscribes this node to the conversation's topic,
     * which may wait for the broker's confirmation (never inside the map's lock).
     */
    private void join(
            Map<Long, Room> map,
            long key,
            String topic,
            Connection connection,
            java.util.function.Consumer<byte[]> onPayload,
            Runnable onInterruption) {
        while (true) {
            Room room = map.computeIfAbsent(key, k -> new Room());
            synchronized (room) {
                if (room.closed) {
                    continue; // the last socket just left and the room is being removed: make a new one
                }
                if (room.subscription == null) {
                    room.subscription = broker.subscribe(topic, onPayload, onInterruption);
                }
                room.connections.add(connection);
                return;
            }
        }
    }

    /** Removes a socket from every room it is in. */
    void remove(Connection connection) {
        connection.conversations().forEach(id -> leave(rooms, connection, id));
        if (connection.fixedConversation() == null) {
            leave(users, connection, connection.userId());
        }
    }

    /** Removes a socket from one conversation's room. */
    void leave(Connection connection, long conversationId) {
        leave(rooms, connection, conversationId);
    }

    private void leave(Map<Long, Room> map, Connection connection, long id) {
        Room room = map.get(id);
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (room.connections.remove(connection) && room.connections.isEmpty()) {
                room.closed = true;
                map.remove(id, room);
                if (room.subscription != null) {
                    room.subscription.close();
                }
            }
        }
    }

    /**
     * Tells every node's streams of {@code userId} that the user is now a member of a conversation, to be
     * followed from the message after {@code startSeq}.
     */
    void publishJoined(long userId, long conversationId, long startSeq) {
        broker.publish(Envelope.userTopic(userId), new Envelope(conversationId, startSeq, 0, false, "").encode());
    }

    /** Sends {@code frame} to every stream of {@code userId}, on every node. */
    void publishToUser(long userId, String frame) {
        broker.publish(Envelope.userTopic(userId), new Envelope(0, 0, 0, false, frame).encode());
    }

    /** A user-topic envelope: a frame for the user's streams, or (without frame) a conversation joined. */
    private void userEvent(long userId, byte[] payload) {
        Envelope envelope = Envelope.decode(payload);
        Room room = users.get(userId);
        if (room == null) {
            return;
        }
        if (envelope.frame().isEmpty()) {
            room.connections.forEach(
                    stream -> membershipListener.joined(stream, envelope.conversation(), envelope.seq()));
        } else {
            int bytes = envelope.frameBytes(payload);
            room.connections.forEach(stream -> stream.send(envelope.frame(), bytes));
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
            room.connections.forEach(connection -> {
                Connection.Followed followed = connection.followed(conversationId);
                if (followed != null) {
                    followed.catchUp();
                }
            });
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
                connection.deliver(envelope, frameBytes);
            }
            listener.delivered(connection, envelope);
        }
    }
}
