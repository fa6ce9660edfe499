package dev.parley.realtime.awareness;

import dev.parley.messaging.InboxService;
import dev.parley.realtime.delivery.Connection;
import dev.parley.realtime.delivery.LocalHub;
import dev.parley.realtime.delivery.RealtimeThreads;
import dev.parley.realtime.delivery.SocketEvent;
import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.ServerFrame;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Pushes {@code {"type":"unread_count","unread_count":n}} to user streams (seeds 000/002: the badge).
 * After any message or read receipt in one of the user's conversations, the stream's count is queried
 * once per {@value #DEBOUNCE_MS} ms at most, off the send path, and sent when it changed.
 */
@Component
public class UnreadCounts implements LocalHub.DeliveryListener {

    static final long DEBOUNCE_MS = 50;

    private final InboxService inbox;
    private final FrameCodec codec;
    private final Set<Connection> pending = ConcurrentHashMap.newKeySet();
    private final java.util.Map<Connection, Long> lastSent = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final ExecutorService readers;

    UnreadCounts(InboxService inbox, FrameCodec codec, RealtimeThreads threads) {
        this.inbox = inbox;
        this.codec = codec;
        this.timer = threads.timer();
        this.readers = threads.readers();
    }

    /** A new message, a delete or a read receipt reached a user stream: its count is sent again. */
    @Override
    public void delivered(Connection connection, SocketEvent.ForConversation event) {
        boolean changesUnread = switch (event) {
            case SocketEvent.NewMessage message -> true;
            case SocketEvent.Revision revision -> revision.deleted();
            case SocketEvent.Notice notice -> notice.changesUnread();
        };
        if (connection.fixedConversation() == null && changesUnread) {
            schedule(connection);
        }
    }

    /** Sends the stream's current count now (on connect). */
    public void refresh(Connection connection) {
        readers.execute(() -> send(connection));
    }

    private void schedule(Connection connection) {
        if (pending.add(connection)) {
            timer.schedule(
                    () -> readers.execute(() -> {
                        pending.remove(connection);
                        send(connection);
                    }),
                    DEBOUNCE_MS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void send(Connection connection) {
        long count = inbox.unreadCount(connection.userId());
        Long previous = lastSent.put(connection, count);
        if (previous == null || previous != count) {
            connection.send(codec.encode(new ServerFrame.UnreadCount(count)));
        }
    }

    /** The socket closed. */
    public void forget(Connection connection) {
        lastSent.remove(connection);
        pending.remove(connection);
    }
}
