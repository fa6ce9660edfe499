package dev.parley.accounts;

import java.util.Set;
import java.util.UUID;

/**
 * Published on the node that ended them, once they are ended in PostgreSQL: logout, a session deleted by
 * its owner, a password change. Other nodes learn it from {@link SessionService#notLive} within a second.
 */
public record SessionsEnded(long userId, Set<UUID> sessions) {}
