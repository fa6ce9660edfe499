package dev.parley.messaging;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code reactions} table, and the message row lock that serialises a message's reaction changes. */
@Repository
class ReactionRepository {

    private final JdbcClient jdbc;

    ReactionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks message {@code messageId}'s row until the transaction ends; answers whether it is deleted. */
    boolean lockMessage(long messageId) {
        return jdbc.sql("SELECT deleted FROM messages WHERE id = ? FOR UPDATE")
                .param(messageId)
                .query(Boolean.class)
                .single();
    }

    /** Adds or removes one user's emoji on a message; answers whether that changed anything. */
    boolean change(long messageId, long userId, String emoji, boolean add) {
        return (add
                                ? jdbc.sql(
                                        "INSERT INTO reactions (message_id, user_id, emoji) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                                : jdbc.sql("DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?"))
                        .params(messageId, userId, emoji)
                        .update()
                == 1;
    }

    /** How many users reacted to the message with {@code emoji}. */
    long count(long messageId, String emoji) {
        return jdbc.sql("SELECT count(*) FROM reactions WHERE message_id = ? AND emoji = ?")
                .params(messageId, emoji)
                .query(Long.class)
                .single();
    }
}
