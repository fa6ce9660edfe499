package dev.parley.realtime.socket;

import dev.parley.accounts.AccessTokens;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.SessionService;
import dev.parley.accounts.SessionsEnded;
import dev.parley.fanout.Broker;
import dev.parley.realtime.delivery.Connection;
import dev.parley.realtime.delivery.RealtimeThreads;
import dev.parley.realtime.protocol.CloseCodes;
import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.ServerFrame;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
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
 * through the broker (topic {@value #TOPIC}), which close theirs and stop accepting its access tokens at
 * once. The broker is at most once, so each node also asks PostgreSQL once a second which of its sockets'
 * sessions ended (closing those with 4401 {@code session_ended}), and trusts a session's liveness for at
 * most a second when checking tokens.
 */
@Component
class SocketSessions {

    private static final Logger log = LoggerFactory.getLogger(SocketSessions.class);

    /** The session and expiry a socket lives by; both move together on an {@code auth} frame. */
    private record Lease(UUID session, Instant expiresAt) {}

    /** The broker topic announcing ended sessions: {@code "<user id> <session id> …"} in UTF-8. */
    static final String TOPIC = "sessions-ended";

    private final Map<Connection, Lease> leases = new ConcurrentHashMap<>();
    private final AccessTokens accessTokens;
    private final SessionService sessions;
    private final FrameCodec codec;
    private final RealtimeThreads threads;
    private final Broker broker;
    private final Broker.Subscription subscription;
    private final Clock clock = Clock.systemUTC();

    SocketSessions(
            AccessTokens accessTokens,
            SessionService sessions,
            FrameCodec codec,
            RealtimeThreads threads,
            Broker broker) {
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.codec = codec;
        this.threads = threads;
        this.broker = broker;
        this.subscription = broker.subscribe(TOPIC, this::announced);
        threads.timer().scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        subscription.close();
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

    /** Closes this node's sockets of sessions just ended here, and tells the other nodes. */
    @EventListener
    void on(SessionsEnded ended) {
        close(ended.sessions());
        if (broker.reachesOtherNodes()) {
            String payload = ended.userId() + " "
                    + ended.sessions().stream().map(UUID::toString).collect(Collectors.joining(" "));
            try {
                broker.publish(TOPIC, payload.getBytes(StandardCharsets.UTF_8));
            } catch (IllegalStateException unavailable) { // the other nodes' sweeps find it within a second
                log.debug("Ended sessions not announced: {}", unavailable.getMessage());
            }
        }
    }

    /** Sessions ended on another node (or this one): their tokens are refused and their sockets closed here. */
    private void announced(byte[] payload) {
        String[] words = new String(payload, StandardCharsets.UTF_8).split(" ");
        Set<UUID> ended = new HashSet<>();
        for (int i = 1; i < words.length; i++) {
            try {
                ended.add(UUID.fromString(words[i]));
            } catch (IllegalArgumentException malformed) {
                return;
            }
        }
        threads.readers().execute(() -> {
            sessions.forget(ended);
            close(ended);
        });
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
