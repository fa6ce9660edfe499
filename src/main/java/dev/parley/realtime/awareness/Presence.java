package dev.parley.realtime.awareness;

import dev.parley.conversations.ConversationService;
import dev.parley.fanout.PresenceProperties;
import dev.parley.fanout.PresenceStore;
import dev.parley.realtime.delivery.Connection;
import dev.parley.realtime.delivery.LocalHub;
import dev.parley.realtime.delivery.RealtimeThreads;
import dev.parley.realtime.delivery.SocketEvent;
import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.ServerFrame;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Presence (SPEC "WebSocket protocol"): a user is online while they have a socket on any node. This node counts its
 * sockets per user and claims the user in the {@link PresenceStore} on the first, leaves
 * {@code parley.presence.offline-grace} after the last (a reconnect in between changes nothing), and
 * refreshes its claims every third of {@code parley.presence.ttl}. Each transition, including a dead
 * node's claims expiring, is announced once as {@code {"type":"presence","user","online"}} to the streams
 * of everyone sharing a conversation with the user. Store calls run one at a time on a thread of their
 * own, never on a socket's or the broker's.
 */
@Component
public class Presence {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    private final PresenceStore store;
    private final ConversationService conversations;
    private final LocalHub hub;
    private final FrameCodec codec;
    private final long graceMillis;
    private final Map<Long, Integer> sockets = new ConcurrentHashMap<>();
    /** Users this node has claimed; touched only on {@link #serial}. */
    private final Set<Long> claimed = new HashSet<>();

    private final ScheduledExecutorService serial;
    private final ExecutorService announcers;

    Presence(
            PresenceStore store,
            ConversationService conversations,
            LocalHub hub,
            FrameCodec codec,
            PresenceProperties claims,
            PresenceSettings settings,
            RealtimeThreads threads) {
        this.store = store;
        this.conversations = conversations;
        this.hub = hub;
        this.codec = codec;
        this.graceMillis = settings.offlineGrace().toMillis();
        this.serial = threads.presence();
        this.announcers = threads.readers();
        long heartbeat = Math.max(1, claims.ttl().toMillis() / 3);
        serial.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    /** A socket of {@code userId} opened on this node. */
    public void opened(long userId) {
        if (sockets.merge(userId, 1, Integer::sum) == 1) {
            serial.execute(() -> {
                if (sockets.getOrDefault(userId, 0) > 0 && claimed.add(userId) && guard(() -> store.arrive(userId))) {
                    announce(userId, true);
                }
            });
        }
    }

    /** A socket of {@code userId} closed on this node. */
    public void closed(long userId) {
        Integer left = sockets.computeIfPresent(userId, (id, count) -> count > 1 ? count - 1 : null);
        if (left == null) {
            serial.schedule(
                    () -> {
                        if (!sockets.containsKey(userId)
                                && claimed.remove(userId)
                                && guard(() -> store.leave(userId))) {
                            announce(userId, false);
                        }
                    },
                    graceMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Sends a new stream the presence of its user's contacts who are online now. */
    public void snapshot(Connection stream) {
        snapshot(stream, () -> conversations.contactsOf(stream.userId()));
    }

    /**
     * Sends a user stream that just started following a conversation (one created or joined since it
     * connected) a presence frame for each of its members who is online.
     */
    public void snapshot(Connection stream, long conversationId) {
        snapshot(
                stream,
                () -> conversations.memberIds(conversationId).stream()
                        .filter(member -> member != stream.userId())
                        .toList());
    }

    private void snapshot(Connection stream, java.util.function.Supplier<java.util.List<Long>> users) {
        announcers.execute(() -> {
            var contacts = users.get();
            if (!contacts.isEmpty()) {
                store.online(contacts).forEach(user -> stream.send(codec.encode(new ServerFrame.Presence(user, true))));
            }
        });
    }

    private void heartbeat() {
        try {
            store.heartbeat(Set.copyOf(claimed));
            store.expired().forEach(user -> announce(user, false));
        } catch (RuntimeException e) {
            log.warn("Presence heartbeat failed: {}", e.toString());
        }
    }

    private void announce(long userId, boolean online) {
        announcers.execute(() -> {
            String frame = codec.encode(new ServerFrame.Presence(userId, online));
            conversations.contactsOf(userId).forEach(contact -> hub.publish(new SocketEvent.ToUser(contact, frame)));
        });
    }

    private static boolean guard(java.util.function.BooleanSupplier call) {
        try {
            return call.getAsBoolean();
        } catch (RuntimeException e) {
            log.warn("Presence store call failed: {}", e.toString());
            return false;
        }
    }
}
