package dev.parley.realtime.socket;

import dev.parley.accounts.AccessTokens;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.SessionService;
import dev.parley.accounts.SessionsEnded;
import dev.parley.realtime.delivery.Connection;
import dev.parley.realtime.delivery.LocalHub;
import dev.parley.realtime.delivery.RealtimeThreads;
import dev.parley.realtime.delivery.SocketEvent;
import dev.parley.realtime.protocol.CloseCodes;
import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.ServerFrame;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Binds every open socket of this node to its session and access token (SPEC "WebSocket protocol": a
 * socket lives as long as its session and access token). An {@code auth} frame with a fresh token of the
 * same user extends the socket to that token's expiry. Once a second the sockets whose token expired are
 * closed with 4401 {@code token_expired}.
 *
 * <p>A session ended on this node closes its sockets here at once and is announced to the other nodes
 * through the broker ({@link SocketEvent.SessionsEnded}), which close theirs and stop accepting its access tokens at
 * once. The broker is at most once, so each node also asks PostgreSQL once a second which of its sockets'
 * sessions ended (closing those with 4401 {@code session_ended}), and trusts a session's liveness for at
 * most a second when checking tokens.
 */
@Component
class SocketSessions implements LocalHub.SessionsListener {

    private static final Logger log = LoggerFactory.getLogger(SocketSessions.class);

    /** The session and expiry a socket lives by; both move together on an {@code auth} frame. */
    private record Lease(UUID session, Instant expiresAt) {}

    private final Map<Connection, Lease> leases = new ConcurrentHashMap<>();
    private final AccessTokens accessTokens;
    private final SessionService sessions;
    private final FrameCodec codec;
    private final RealtimeThreads threads;
    private final LocalHub hub;
    private final Clock clock = Clock.systemUTC();

    SocketSessions(
            AccessTokens accessTokens,
            SessionService sessions,
            FrameCodec codec,
            RealtimeThreads threads,
            LocalHub hub) {
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.codec = codec;
        this.threads = threads;
        this.hub = hub;
        threads.timer().scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    void opened(Connection connection, CurrentUser user) {
        leases.put(connection, new Lease(user.session(), user.expiresAt()));
    }

    void closed(Connection connection) {
        leases.remove(connection);
    }

    /**
     * Carries out an {@code auth} frame: a valid access token of the socket's user moves the socket to the
     * token's session and expiry, answered by {@code authenticated}; anything else gets an
     * {@code invalid_token} error frame and changes nothing.
     */
    void authenticate(Connection connection, String token) {
        CurrentUser user = accessTokens.verify(token);
        if (user.id() != connection.userId()) {
            throw new ParleyException(ErrorCode.INVALID_TOKEN, "The token is another user's");
        }
        if (leases.replace(connection, new Lease(user.session(), user.expiresAt())) != null) {
            connection.send(codec.encode(new ServerFrame.Authenticated(user.expiresAt())));
        }
    }

    /** Sessions ended here: announced to every node, this one first ({@link #ended}). */
    @EventListener
    void on(SessionsEnded ended) {
        hub.publish(new SocketEvent.SessionsEnded(ended.userId(), ended.sessions()));
    }

    /**
     * Sessions ended on this node or another: their tokens are refused and their sockets closed here. A node
     * that misses the announcement (the broker is at most once) finds them in its next sweep.
     */
    @Override
    public void ended(SocketEvent.SessionsEnded ended) {
        close(ended.sessions());
        threads.readers().execute(() -> sessions.forget(ended.sessions()));
    }

    private void close(Set<UUID> ended) {
        leases.forEach((connection, lease) -> {
            if (ended.contains(lease.session()) && leases.remove(connection, lease)) {
                connection.close(CloseCodes.SESSION_ENDED);
            }
        });
    }

    /** Closes expired sockets, then (off the timer thread) those of sessions ended on any node. */
    private void sweep() {
        Instant now = clock.instant();
        leases.forEach((connection, lease) -> {
            if (lease.expiresAt() != null && !now.isBefore(lease.expiresAt())) {
                leases.remove(connection, lease);
                connection.close(CloseCodes.TOKEN_EXPIRED);
            }
        });
        Set<UUID> open = leases.values().stream()
                .map(Lease::session)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        if (open.isEmpty()) {
            return;
        }
        threads.readers().execute(() -> {
            try {
                close(sessions.notLive(open));
            } catch (RuntimeException e) {
                log.debug("Could not check the sessions of open sockets: {}", e.toString());
            }
        });
    }
}
