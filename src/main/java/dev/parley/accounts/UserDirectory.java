package dev.parley.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The accounts other modules look up (the API of the {@code users} table for them): users by id or username,
 * active or not, display names in batches, user search, and who may see other accounts' emails (SPEC
 * "Security and administration").
 */
@Service
public class UserDirectory {

    private static final int SEARCH_LIMIT = 20;

    private final UserRepository users;
    private final AdminsProperties admins;
    private final PrivacyProperties privacy;
    private final Cache<Long, String> names = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    UserDirectory(UserRepository users, AdminsProperties admins, PrivacyProperties privacy) {
        this.users = users;
        this.admins = admins;
        this.privacy = privacy;
    }

    /** The user with {@code id}, if any. */
    public Optional<User> find(long id) {
        return users.findById(id);
    }

    /**
     * Display names by user id, for the views of other modules (a message's {@code sender_name}, a member list):
     * the ids that name no user are left out. Names are kept in memory for a minute (they are set at
     * registration), so a page of messages costs no query for names its node has seen.
     */
    public Map<Long, String> names(Collection<Long> ids) {
        return names.getAll(ids, missing -> users.names(Set.copyOf(missing)));
    }

    /** The display name of user {@code id}, null when there is no such user. */
    public String name(long id) {
        return names(List.of(id)).get(id);
    }

    /** The users among {@code ids} that exist, by id (one query). */
    public Map<Long, User> users(Collection<Long> ids) {
        return ids.isEmpty() ? Map.of() : users.findAll(Set.copyOf(ids));
    }

    /** The user with {@code id} if the account is active (not deactivated). */
    public Optional<User> findActive(long id) {
        return users.standing(id).filter(UserRepository.Standing::active).map(UserRepository.Standing::user);
    }

    /**
     * Whether {@code viewerId} sees other accounts' emails: always with {@code parley.privacy.email-visibility=
     * everyone}, otherwise only when the viewer is an active admin (read now). A user always sees their own.
     */
    public boolean seesEmails(long viewerId) {
        return privacy.emailVisibility() == PrivacyProperties.EmailVisibility.EVERYONE || isActiveAdmin(viewerId);
    }

    /** Whether user {@code id} is an active admin (stored so, or named in {@code parley.admins}), as read now. */
    boolean isActiveAdmin(long id) {
        return users.standing(id)
                .filter(UserRepository.Standing::active)
                .map(s -> admins.effectiveRole(s.user().username(), s.storedRole()) == Role.ADMIN)
                .orElse(false);
    }

    /** The user named {@code username} (case-insensitive), if any. */
    public Optional<User> findByUsername(String username) {
        return users.findByUsername(username);
    }

    /** Up to 20 other users whose username or name contains {@code text} (case-insensitive). */
    public List<User> search(String text, long callerId) {
        return text == null || text.isBlank() ? List.of() : users.search(text.strip(), callerId, SEARCH_LIMIT);
    }
}
