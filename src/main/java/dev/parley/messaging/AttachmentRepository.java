package dev.parley.messaging;

import dev.parley.messaging.AttachmentService.Attachment;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code attachments}, {@code message_attachments} and {@code attachment_contents} tables: uploads, which
 * messages carry them, and (with {@code parley.attachments.store=database}) their bytes.
 */
@Repository
class AttachmentRepository {

    /** An upload and where its bytes are ({@link AttachmentStore}'s key). */
    record Stored(Attachment attachment, String key) {}

    private static final String COLUMNS = "id, filename, content_type, size_bytes, created_at, storage_key";

    private static final RowMapper<Stored> STORED = (rs, i) -> new Stored(
            new Attachment(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getTimestamp(5).toInstant()),
            rs.getString(6));

    private final JdbcClient jdbc;

    AttachmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an upload of {@code size} bytes whose content the store keeps under {@code key}. */
    Attachment insert(long uploaderId, String filename, String contentType, long size, String key) {
        return jdbc.sql("INSERT INTO attachments (uploader_id, filename, content_type, size_bytes, storage_key)"
                        + " VALUES (?, ?, ?, ?, ?) RETURNING " + COLUMNS)
                .params(uploaderId, filename, contentType, size, key)
                .query(STORED)
                .single()
                .attachment();
    }

    Optional<Stored> find(long attachmentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM attachments WHERE id = ?")
                .param(attachmentId)
                .query(STORED)
                .optional();
    }

    /**
     * Links upload {@code attachmentId} to message {@code messageId} if {@code uploaderId} uploaded it.
     *
     * @return whether the message now carries it (also when it already did)
     */
    boolean link(long messageId, long attachmentId, long uploaderId) {
        int linked = jdbc.sql("""
                        INSERT INTO message_attachments (message_id, attachment_id)
                        SELECT ?, id FROM attachments WHERE id = ? AND uploader_id = ? ON CONFLICT DO NOTHING""").params(messageId, attachmentId, uploaderId).update();
        return linked == 1
                || jdbc.sql(
                                "SELECT EXISTS (SELECT 1 FROM message_attachments WHERE message_id = ? AND attachment_id = ?)")
                        .params(messageId, attachmentId)
                        .query(Boolean.class)
                        .single();
    }

    /** Whether {@code userId} uploaded {@code attachmentId}. */
    boolean uploadedBy(long attachmentId, long userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM attachments WHERE id = ? AND uploader_id = ?)")
                .params(attachmentId, userId)
                .query(Boolean.class)
                .single();
    }

    /** Stores a file's bytes under {@code key}. */
    void putContent(String key, byte[] content) {
        jdbc.sql("INSERT INTO attachment_contents (storage_key, content) VALUES (?, ?)")
                .params(key, content)
                .update();
    }

    /** The bytes stored under {@code key}, if any. */
    Optional<byte[]> content(String key) {
        return jdbc.sql("SELECT content FROM attachment_contents WHERE storage_key = ?")
                .param(key)
                .query(byte[].class)
                .optional();
    }

    /** The conversations in which a message that is not deleted carries {@code attachmentId}. */
    List<Long> conversationsCarrying(long attachmentId) {
        return jdbc.sql("""
                        SELECT DISTINCT m.conversation_id FROM message_attachments ma
                        JOIN messages m ON m.id = ma.message_id AND NOT m.deleted
                        WHERE ma.attachment_id = ?""").param(attachmentId).query(Long.class).list();
    }
}
