package dev.parley.accounts;

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

    record Credentials(User user, String passwordHash) {}

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    User insert(String username, String email, String name, String passwordHash) {
        return jdbc.sql("""
                        INSERT INTO users (username, email, name, password_hash) VALUES (?, ?, ?, ?)
                        RETURNING id, username, email, name""")
                .params(username, email, name, passwordHash)
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
                        SELECT id, username, email, name, password_hash FROM users
                        WHERE lower(username) = lower(:login) OR (lower(email) = lower(:login) AND email <> '')
                        ORDER BY (lower(username) = lower(:login)) DESC LIMIT 1""")
                .param("login", login)
                .query((rs, i) -> new Credentials(USER.mapRow(rs, i), rs.getString("password_hash")))
                .optional();
    }

    /** The password hash of user {@code id}, if the user exists. */
    Optional<String> passwordHash(long id) {
        return jdbc.sql("SELECT password_hash FROM users WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    void updatePasswordHash(long id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = ? WHERE id = ?")
                .params(passwordHash, id)
                .update();
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

    /** Users whose username or name contains {@code text}, excluding {@code exceptId}, best match first. */
    List<User> search(String text, long exceptId, int limit) {
        String pattern = "%"
                + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                        SELECT id, username, email, name FROM users
                        WHERE id <> :except AND (lower(username) LIKE :pattern OR lower(name) LIKE :pattern)
                        ORDER BY (lower(username) = lower(:text)) DESC, length(username), username
                        LIMIT :limit""")
                .param("except", exceptId)
                .param("pattern", pattern)
                .param("text", text)
                .param("limit", limit)
                .query(USER)
                .list();
    }
}
