package dev.parley.fanout;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The single-node {@link PresenceStore}: this node's claims are the whole truth; nothing expires. */
public class InProcessPresenceStore implements PresenceStore {

    private final Set<Long> online = ConcurrentHashMap.newKeySet();

    @Override
    public boolean arrive(long userId) {
        return online.add(userId);
    }

    @Override
    public boolean leave(long userId) {
        return online.remove(userId);
    }

    @Override
    public void heartbeat(Collection<Long> userIds) {}

    @Override
    public List<Long> expired() {
        return List.of();
    }

    @Override
    public Set<Long> online(Collection<Long> userIds) {
        return userIds.stream().filter(online::contains).collect(Collectors.toSet());
    }
}
