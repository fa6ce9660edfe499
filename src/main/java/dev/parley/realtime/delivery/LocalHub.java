package dev.parley.realtime.delivery;

import dev.parley.fanout.Broker;
import dev.parley.realtime.delivery.SocketEvent.ForConversation;
import dev.parley.realtime.delivery.SocketEvent.Joined;
import dev.parley.realtime.delivery.SocketEvent.ToUser;
import jakarta.annotation.PreDestroy;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The sockets open on this node, in rooms: one per conversation (its sockets and the user streams that
 * follow it) and one per user with a stream here. An event is delivered <b>local first</b>: straight to
 * this node's sockets on the publishing thread, then (unless the broker reaches no other node)
 * published on the {@link Broker} for the other nodes, each of which hands it to its own sockets and
 * ignores what it published itself. So one node
 * needs no broker to serve its sockets, and with Redis down it keeps delivering (and acknowledging) in
 * full; the other nodes' sockets catch up from PostgreSQL when their subscriptions return.
 *
 * <p>While a room has a socket, this node is subscribed to its topic; subscribing never waits for the
 * broker. Each time a subscription becomes active (confirmed, or regained after an interruption) the
 * room's sockets catch up from PostgreSQL, which covers what other nodes published before. Every node also
 * follows {@link SocketEvent#SESSIONS_TOPIC} for as long as it runs. Handing over
 * never blocks: each socket's {@link Sequencer}s put message and revision frames in order, and a slow
 * socket is closed by its {@link Outbox}.
 */
@Component
public class LocalHub {

    private static final Logger log = LoggerFactory.getLogger(LocalHub.class);

    /** A room's local sockets and this node's subscription to its topic; guarded by itself. */
    private static final class Room {
        final Set<Connection> connections = ConcurrentHashMap.newKeySet();
        Broker.Subscription subscription;
        boolean closed;
        /** Set once the subscription was active: a later activation follows an interruption. */
        final AtomicBoolean wasActive = new AtomicBoolean();
    }

    /** Told of every conversation event reaching a local socket, excluded user or not (unread counts follow). */
    public interface DeliveryListener {
        void delivered(Connection connection, ForConversation event);
    }

    /** Told when a local user stream's user became a member of a conversation (on any node). */
    public interface MembershipListener {
        /** @param startSeq the stream is sent the conversation's messages after this seq */
        void joined(Connection stream, long conversationId, long startSeq);

        /** The stream's user topic became active (again): announcements of joins may have been missed. */
        void resync(Connection stream);
    }

    /** Told when sessions ended (on any node): their sockets on this node close. */
    public interface SessionsListener {
        void ended(SocketEvent.SessionsEnded ended);
    }

    private final Map<Long, Room> rooms = new ConcurrentHashMap<>();
    private final Map<Long, Room> users = new ConcurrentHashMap<>();
    private final Broker broker;
    private final DeliveryMetrics metrics;
    private final BrokerPublisher publisher;
    private final ObjectProvider<DeliveryListener> deliveryListeners;
    private final ObjectProvider<MembershipListener> membershipListeners;
    private final ObjectProvider<SessionsListener> sessionsListeners;
    /** This node's subscription to {@link SocketEvent#SESSIONS_TOPIC}, for as long as it runs. */
    private final Broker.Subscription sessions;
    /** This node's id in the events it publishes. */
    private final long node = new SecureRandom().nextLong();

    /** The delivery listeners, resolved on first use (they are called for every event). */
    private volatile List<DeliveryListener> delivery;

    LocalHub(
            Broker broker,
            DeliveryMetrics metrics,
            RealtimeThreads threads,
            ObjectProvider<DeliveryListener> deliveryListeners,
            ObjectProvider<MembershipListener> membershipListeners,
            ObjectProvider<SessionsListener> sessionsListeners) {
        this.broker = broker;
        this.metrics = metrics;
        this.publisher = new BrokerPublisher(broker, metrics, threads.timer());
        this.deliveryListeners = deliveryListeners;
        this.membershipListeners = membershipListeners;
        this.sessionsListeners = sessionsListeners;
        this.sessions = broker.subscribe(SocketEvent.SESSIONS_TOPIC, this::received);
    }

    @PreDestroy
    void stop() {
        sessions.close();
    }

    /** Adds a socket to a conversation's room, subscribing this node to the conversation if needed. */
    public void add(Connection connection, long conversationId) {
        join(
                rooms,
                conversationId,
                SocketEvent.conversationTopic(conversationId),
                connection,
                () -> activated(rooms, conversationId, socket -> {
                    Connection.Followed followed = socket.followed(conversationId);
                    if (followed != null) {
                        followed.catchUp();
                    }
                }));
    }

    /** Adds a user stream to its user's room, so it hears of conversations its user joins. */
    public void addStream(Connection stream) {
        join(
                users,
                stream.userId(),
                SocketEvent.userTopic(stream.userId()),
                stream,
                () -> activated(
                        users,
                        stream.userId(),
                        socket -> membershipListeners.forEach(listener -> listener.resync(socket))));
    }

    private void join(Map<Long, Room> map, long key, String topic, Connection connection, Runnable onActive) {
        while (true) {
            Room room = map.computeIfAbsent(key, k -> new Room());
            synchronized (room) {
                if (room.closed) {
                    continue; // the last socket just left and the room is being removed: make a new one
                }
                if (room.subscription == null) {
                    room.subscription = broker.subscribe(topic, this::received, onActive);
                }
                room.connections.add(connection);
                return;
            }
        }
    }

    /** Removes a socket from every room it is in. */
    public void remove(Connection connection) {
        connection.conversations().forEach(id -> leave(rooms, connection, id));
        if (connection.fixedConversation() == null) {
            leave(users, connection, connection.userId());
        }
    }

    /** Removes a socket from one conversation's room. */
    public void leave(Connection connection, long conversationId) {
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
     * Delivers an event to this node's sockets, then publishes it for the other nodes' (through
     * {@link BrokerPublisher}, which tries again where it matters while the broker refuses).
     */
    public void publish(SocketEvent event) {
        if (!broker.reachesOtherNodes()) {
            deliver(event, EventCodec.frame(event));
            return;
        }
        EventCodec.Encoded encoded = EventCodec.encode(node, event);
        deliver(event, encoded.frame());
        publisher.publish(event, encoded.payload());
    }

    /** A payload from the broker: another node's event for this node's sockets. */
    private void received(byte[] payload) {
        if (EventCodec.origin(payload) == node) {
            return; // delivered here when it was published
        }
        EventCodec.Received received;
        try {
            received = EventCodec.decode(payload);
        } catch (IllegalArgumentException e) {
            log.warn("Dropped a malformed event from the broker: {}", e.getMessage());
            return;
        }
        if (received != null) {
            deliver(received.event(), received.frame());
        }
    }

    private void deliver(SocketEvent event, ByteBuffer utf8) {
        switch (event) {
            case ForConversation e -> deliverToRoom(e, utf8);
            case ToUser e -> {
                Room room = users.get(e.user());
                if (room != null) {
                    Outgoing frame = new Outgoing(utf8, 0, 0);
                    room.connections.forEach(stream -> stream.send(frame));
                }
            }
            case Joined e -> {
                Room room = users.get(e.user());
                if (room != null) {
                    for (MembershipListener listener : membershipListeners) {
                        room.connections.forEach(stream -> listener.joined(stream, e.conversation(), e.startSeq()));
                    }
                }
            }
            case SocketEvent.SessionsEnded e -> sessionsListeners.forEach(listener -> listener.ended(e));
        }
    }

    private void deliverToRoom(ForConversation event, ByteBuffer utf8) {
        Room room = rooms.get(event.conversation());
        if (room == null) {
            return;
        }
        List<DeliveryListener> listeners = delivery;
        if (listeners == null) {
            listeners = delivery = deliveryListeners.orderedStream().toList();
        }
        Outgoing frame = Outgoing.of(event, utf8);
        int handed = 0;
        for (Connection connection : room.connections) {
            if (connection.deliver(event, frame)) {
                handed++;
            }
            for (DeliveryListener listener : listeners) {
                listener.delivered(connection, event);
            }
        }
        metrics.handedTo(handed);
    }

    /**
     * A room's subscription became active (confirmed, or back after an interruption): what other nodes
     * published before may have been missed, so each of its sockets catches up ({@code catchUp}: from
     * PostgreSQL for a conversation, by re-reading memberships for a user's streams).
     */
    private void activated(Map<Long, Room> map, long key, Consumer<Connection> catchUp) {
        Room room = map.get(key);
        if (room != null) {
            if (room.wasActive.getAndSet(true)) {
                metrics.brokerInterrupted();
            }
            room.connections.forEach(catchUp);
        }
    }
}
