package dev.parley.accounts;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.Outages;
import dev.parley.shared.ParleyException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Login sessions (SPEC "Security and administration"): a login starts one, and its access and refresh
 * tokens belong to it. Ending one refuses its refresh tokens at once and its access tokens on this node at
 * once, and publishes {@link SessionsEnded}; other nodes refuse them once told ({@link #forget}), and in any
 * case within {@link #CHECK_INTERVAL} (each node trusts what it read of a session that long).
 */
@Service
public class SessionService {

    /** How long a node trusts what it last read of a session: the most an ended session's token still works. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final int MAX_DEVICE_CHARS = 200;

    private final SessionRepository sessions;
    private final ApplicationEventPublisher events;
    private final LoadingCache<UUID, Boolean> live;

    SessionService(SessionRepository sessions, ApplicationEventPublisher events) {
        this.sessions = sessions;
        this.events = events;
        this.live = Caffeine.newBuilder()
                .expireAfterWrite(CHECK_INTERVAL)
                .maximumSize(1_000_000)
                .build(this::read);
    }

    /**
     * The caller's live sessions, most recently seen first.
     *
     * @return {@code [{id, device, created_at, last_seen_at, current}]}
     */
    public List<SessionView> list(CurrentUser caller) {
        return sessions.live(caller.id()).stream()
                .map(row -> new SessionView(
                        row.id(),
                        row.device(),
                        row.createdAt(),
                        row.lastSeenAt(),
                        row.id().equals(caller.session())))
                .toList();
    }

    /**
     * Ends one of the caller's sessions (possibly the current one).
     *
     * @param id the session's id as text
     * @throws ParleyException {@code not_found} (404) when the caller has no live session {@code id}
     */
    public void end(CurrentUser caller, String id) {
        UUID session = parse(id).orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "No such session"));
        if (end(caller.id(), Set.of(session)).isEmpty()) {
            throw new ParleyException(ErrorCode.NOT_FOUND, "No such session");
        }
    }

    /**
     * Those of {@code ids} that are no longer live (ended, or unknown), read from PostgreSQL now: how sockets
     * on every node learn that their session ended.
     */
    public Set<UUID> notLive(Collection<UUID> ids) {
        return sessions.notLive(ids);
    }

    /**
     * Drops what this node remembers of {@code ids}: their next token check reads PostgreSQL. For sessions
     * another node reports ended, so that their tokens are refused here at once.
     */
    public void forget(Collection<UUID> ids) {
        live.invalidateAll(ids);
    }

    /**
     * Whether {@code id} is live, as read at most {@link #CHECK_INTERVAL} ago on this node. While PostgreSQL
     * is unreachable an unread session counts as live, so clients are not logged out by an outage.
     */
    boolean isLive(UUID id) {
        try {
            return Boolean.TRUE.equals(live.get(id));
        } catch (RuntimeException failure) {
            if (Outages.isDatabaseUnavailable(failure)) {
                return true; // the request itself will need PostgreSQL and be answered 503; not a 401
            }
            throw failure;
        }
    }

    UUID start(long userId, String device) {
        return sessions.start(userId, device(device));
    }

    void touch(UUID id) {
        sessions.touch(id);
    }

    /** Ends those of {@code ids} that are {@code userId}'s and live; answers those it ended. */
    Set<UUID> end(long userId, Collection<UUID> ids) {
        return ended(userId, sessions.end(userId, ids));
    }

    /** Ends every live session of {@code userId} but {@code keep} (null: all). */
    Set<UUID> endAllBut(long userId, UUID keep) {
        return ended(userId, sessions.endAllBut(userId, keep));
    }

    private Set<UUID> ended(long userId, Set<UUID> ids) {
        if (!ids.isEmpty()) {
            live.invalidateAll(ids);
            events.publishEvent(new SessionsEnded(userId, ids));
        }
        return ids;
    }

    /** Liveness from PostgreSQL; a live session not seen for a minute is marked seen now. */
    private Boolean read(UUID id) {
        Optional<SessionRepository.Liveness> liveness = sessions.liveness(id);
        if (liveness.isEmpty() || !liveness.get().live()) {
            return false;
        }
        if (liveness.get().stale()) {
            sessions.touch(id);
        }
        return true;
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The User-Agent without control characters, at most 200 characters. */
    private static String device(String userAgent) {
        if (userAgent == null) {
            return "";
        }
        String clean = userAgent.replaceAll("\\p{Cntrl}", "").strip();
        return clean.codePointCount(0, clean.length()) > MAX_DEVICE_CHARS
                ? clean.substring(0, clean.offsetByCodePoints(0, MAX_DEVICE_CHARS))
                : clean;
    }
}
