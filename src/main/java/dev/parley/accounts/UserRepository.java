package dev.parley.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users table access. */
@Repository
class UserRepository {

    private static final RowMapper<User> USER = (rs, i) ->
            new User(rs.getLong("id"), rs.getString("username"), rs.getString("email"), rs.getString("name"));

    /** Key of the transaction lock that makes "the first account is an admin" hold under concurrency. */
    private static final long FIRST_ACCOUNT_LOCK = 0x7061726c6579L;

    record Credentials(User user, String passwordHash, boolean active) {}

    /** A user's stored role and whether the account is active. */
    record Standing(User user, Role storedRole, boolean active) {}

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a user: an admin when it is the first account, else {@code role}. */
    User insert(String username, String email, String name, String passwordHash, Role role) {
        if (!jdbc.sql("SELECT EXISTS (SELECT 1 FROM users)")
                .query(Boolean.class)
                .single()) {
            // two first registrations at once: the second waits, then sees the first and is a user
            jdbc.sql("SELECT pg_advisory_xact_lock(?)")
                    .param(FIRST_ACCOUNT_LOCK)
                    .query()
                    .singleRow();
        }
        return jdbc.sql("""
                        INSERT INTO users (username, email, name, password_hash, role)
                        VALUES (?, ?, ?, ?, CASE WHEN EXISTS (SELECT 1 FROM users) THEN ? ELSE 'admin' END)
                        RETURNING id, username, email, name""")
                .params(username, email, name, passwordHash, role.wireName())
                .query(USER)
                .single();
    }

    boolean usernameExists(String username) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower(?))")
                .param(username)
                .query(Boolean.class)
                .single();
    }

    boolean emailExists(String email) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(?) AND email <> '')")
                .param(email)
                .query(Boolean.class)
                .single();
    }

    /** The user whose username or email equals {@code login}, case-insensitively. */
    Optional<Credentials> findCredentials(String login) {
        return jdbc.sql("""
                        SELECT id, username, email, name, password_hash, deactivated_at IS NULL AS active FROM users
                        WHERE lower(username) = lower(:login) OR (lower(email) = lower(:login) AND email <> '')
                        ORDER BY (lower(username) = lower(:login)) DESC LIMIT 1""")
                .param("login", login)
                .query((rs, i) ->
                        new Credentials(USER.mapRow(rs, i), rs.getString("password_hash"), rs.getBoolean("active")))
                .optional();
    }

    /** The password hash of user {@code id}, if the user exists. */
    Optional<String> passwordHash(long id) {
        return jdbc.sql("SELECT password_hash FROM users WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    /**
     * Sets user {@code id}'s password hash and, in the same statement, voids every unused password reset link of
     * the account: a link handed out before the password was set can no longer replace it.
     */
    void updatePasswordHash(long id, String passwordHash) {
        jdbc.sql("""
                        WITH voided AS (DELETE FROM password_resets WHERE user_id = :id AND used_at IS NULL)
                        UPDATE users SET password_hash = :hash WHERE id = :id""").param("id", id).param("hash", passwordHash).update();
    }

    /** Display names of the users among {@code ids} that exist, by id. */
    java.util.Map<Long, String> names(java.util.Collection<Long> ids) {
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        jdbc.sql("SELECT id, name FROM users WHERE id = ANY(?)")
                .param(ids.stream().mapToLong(Long::longValue).toArray())
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        return names;
    }

    /** The users among {@code ids} that exist, by id. */
    java.util.Map<Long, User> findAll(java.util.Collection<Long> ids) {
        java.util.Map<Long, User> found = new java.util.HashMap<>();
        jdbc.sql("SELECT id, username, email, name FROM users WHERE id = ANY(?)")
                .param(ids.stream().mapToLong(Long::longValue).toArray())
                .query(USER)
                .list()
                .forEach(user -> found.put(user.id(), user));
        return found;
    }

    Optional<User> findById(long id) {
        return jdbc.sql("SELECT id, username, email, name FROM users WHERE id = ?")
                .param(id)
                .query(USER)
                .optional();
    }

    Optional<User> findByUsername(String username) {
        return jdbc.sql("SELECT id, username, email, name FROM users WHERE lower(username) = lower(?)")
                .param(username)
                .query(USER)
                .optional();
    }

    Optional<Standing> standing(long id) {
        return jdbc.sql("""
                        SELECT id, username, email, name, role, deactivated_at IS NULL AS active
                        FROM users WHERE id = ?""")
                .param(id)
                .query((rs, i) ->
                        new Standing(USER.mapRow(rs, i), Role.of(rs.getString("role")), rs.getBoolean("active")))
                .optional();
    }

    /**
     * Locks the rows of {@code ids} ({@code FOR UPDATE}, in id order, so that two changes never deadlock)
     * until the transaction ends, and answers their standing as it is once locked.
     */
    java.util.Map<Long, Standing> lockStanding(java.util.Collection<Long> ids) {
        java.util.Map<Long, Standing> found = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT id, username, email, name, role, deactivated_at IS NULL AS active
                        FROM users WHERE id IN (:ids) ORDER BY id FOR UPDATE""")
                .param("ids", ids)
                .query((rs, i) ->
                        new Standing(USER.mapRow(rs, i), Role.of(rs.getString("role")), rs.getBoolean("active")))
                .list()
                .forEach(standing -> found.put(standing.user().id(), standing));
        return found;
    }

    /**
     * Whether an active account other than {@code exceptId} is an admin: stored so, or named in {@code configured}
     * (case-insensitive).
     */
    boolean anotherActiveAdmin(long exceptId, List<String> configured) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM users
                                       WHERE id <> :except AND deactivated_at IS NULL
                                         AND (role = 'admin' OR lower(username) = ANY (:configured)))""")
                .param("except", exceptId)
                .param(
                        "configured",
                        configured.stream()
                                .map(name -> name.strip().toLowerCase(java.util.Locale.ROOT))
                                .toArray(String[]::new))
                .query(Boolean.class)
                .single();
    }

    /** Stores {@code role} for user {@code id}; false when there is no such user. */
    boolean setRole(long id, Role role) {
        return jdbc.sql("UPDATE users SET role = ? WHERE id = ?")
                        .params(role.wireName(), id)
                        .update()
                == 1;
    }

    /** Deactivates or reactivates user {@code id}; false when there is no such user. */
    boolean setActive(long id, boolean active) {
        return jdbc.sql("""
                        UPDATE users SET deactivated_at = CASE WHEN :active THEN NULL
                                                               ELSE COALESCE(deactivated_at, now()) END
                        WHERE id = :id""").param("active", active).param("id", id).update() == 1;
    }

    /**
     * Accounts whose username, name or email contains {@code text} (all when blank), oldest first, with their
     * sessions; roles as stored.
     */
    List<Account> accounts(String text, Long id, int limit, long offset) {
        return jdbc.sql("""
                        SELECT u.id, u.username, u.email, u.name, u.role, u.deactivated_at IS NULL AS active,
                               u.created_at, s.last_seen_at, coalesce(s.live, 0) AS sessions
                        FROM users u
                        LEFT JOIN LATERAL (SELECT max(last_seen_at) AS last_seen_at,
                                                  count(*) FILTER (WHERE ended_at IS NULL) AS live
                                           FROM sessions WHERE user_id = u.id) s ON true
                        WHERE (CAST(:id AS bigint) IS NULL OR u.id = :id)
                          AND (:pattern = '%%' OR lower(u.username) LIKE :pattern OR lower(u.name) LIKE :pattern
                               OR lower(u.email) LIKE :pattern)
                        ORDER BY u.id LIMIT :limit OFFSET :offset""")
                .param("id", id)
                .param("pattern", pattern(text))
                .param("limit", limit)
                .param("offset", offset)
                .query(UserRepository::account)
                .list();
    }

    /** Active users whose username or name contains {@code text}, excluding {@code exceptId}, best match first. */
    List<User> search(String text, long exceptId, int limit) {
        return jdbc.sql("""
                        SELECT id, username, email, name FROM users
                        WHERE id <> :except AND deactivated_at IS NULL
                          AND (lower(username) LIKE :pattern OR lower(name) LIKE :pattern)
                        ORDER BY (lower(username) = lower(:text)) DESC, length(username), username
                        LIMIT :limit""")
                .param("except", exceptId)
                .param("pattern", pattern(text))
                .param("text", text)
                .param("limit", limit)
                .query(USER)
                .list();
    }

    /** {@code %text%} for LIKE, lower-cased, with LIKE's own characters escaped. */
    private static String pattern(String text) {
        return "%"
                + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static Account account(ResultSet rs, int i) throws SQLException {
        Timestamp lastSeen = rs.getTimestamp("last_seen_at");
        return new Account(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("name"),
                Role.of(rs.getString("role")),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(),
                lastSeen == null ? null : lastSeen.toInstant(),
                rs.getInt("sessions"));
    }
}
