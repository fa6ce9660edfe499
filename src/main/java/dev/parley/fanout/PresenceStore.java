package dev.parley.fanout;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which nodes hold at least one socket of a user, shared by all nodes. Each node's claim expires after
 * {@code parley.presence.ttl} unless refreshed by {@link #heartbeat}, so a node that dies turns its
 * users offline by itself. Transitions are decided atomically: of several nodes, exactly one sees a
 * user come online or go offline.
 *
 * <p>Calls may block on the store (Redis); callers keep them off socket and broker threads.
 */
public interface PresenceStore {

    /**
     * This node now holds a socket of {@code userId}.
     *
     * @return true when no live node held one before: the user came online
     */
    boolean arrive(long userId);

    /**
     * This node no longer holds a socket of {@code userId}.
     *
     * @return true when no live node holds one now: the user went offline
     */
    boolean leave(long userId);

    /** Refreshes this node's claims for {@code userIds}. */
    void heartbeat(Collection<Long> userIds);

    /** Users whose last claim expired since (their node died): each is returned by one node only. */
    List<Long> expired();

    /** Those of {@code userIds} that are online on some node. */
    Set<Long> online(Collection<Long> userIds);
}
