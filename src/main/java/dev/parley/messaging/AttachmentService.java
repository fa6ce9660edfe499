package dev.parley.messaging;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.Text;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.JsonNode;

/**
 * Attachments (seeds 002/003 future list): a member uploads a file and gets an id, then sends a message
 * whose {@code metadata.attachments} lists ids; only the uploader and members of a conversation whose
 * message carries the file may download it.
 */
@Service
public class AttachmentService {

    /** An uploaded file: {@code {id, filename, content_type, size, created_at}} (size in bytes). */
    public record Attachment(long id, String filename, String contentType, long size, Instant createdAt) {}

    /** A file to send back: its description and its bytes. */
    public record Download(Attachment attachment, InputStream content) {}

    private static final String COLUMNS = "id, filename, content_type, size_bytes, created_at, storage_key";

    /** A row of {@link #COLUMNS}: the attachment and where its bytes are. */
    private record Stored(Attachment attachment, String key) {}

    private static final RowMapper<Stored> STORED = (rs, i) -> new Stored(
            new Attachment(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getTimestamp(5).toInstant()),
            rs.getString(6));

    private final JdbcClient jdbc;
    private final AttachmentStore store;
    private final AttachmentProperties properties;
    private final DistributionSummary uploads;

    AttachmentService(JdbcClient jdbc, AttachmentStore store, AttachmentProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.store = store;
        this.properties = properties;
        this.uploads = DistributionSummary.builder("parley.uploads")
                .description("Stored uploads: their count and sizes")
                .baseUnit("bytes")
                .register(meters);
    }

    /**
     * Stores an upload.
     *
     * @param size in bytes
     * @throws ParleyException {@code attachment_too_large} (413) over {@code parley.attachments.max-size},
     *     {@code unsupported_attachment_type} (415) outside {@code parley.attachments.content-types} or
     *     for a Content-Type that is not a plain {@code type/subtype}, {@code invalid_text} (400) for a
     *     filename with NUL or an unpaired surrogate, {@code invalid_request} for an empty file
     */
    public Attachment upload(long uploaderId, String filename, String contentType, long size, InputStream content) {
        if (size <= 0) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "The file is empty");
        }
        if (size > properties.maxSize().toBytes()) {
            throw new ParleyException(ErrorCode.ATTACHMENT_TOO_LARGE, "Files are limited to " + properties.maxSize());
        }
        Text.check("filename", filename);
        String type = mediaType(contentType);
        if (properties.contentTypes().stream().noneMatch(accepted -> accepts(accepted, type))) {
            throw new ParleyException(ErrorCode.UNSUPPORTED_ATTACHMENT_TYPE, "Not accepted: " + type);
        }
        String name = filename == null || filename.isBlank()
                ? "file"
                : filename.strip().replaceAll("[\\\\/\\r\\n\"]", "_");
        String key;
        try {
            key = store.put(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Attachment stored = jdbc.sql(
                        "INSERT INTO attachments (uploader_id, filename, content_type, size_bytes, storage_key)"
                                + " VALUES (?, ?, ?, ?, ?) RETURNING " + COLUMNS)
                .params(uploaderId, name, type, size, key)
                .query(STORED)
                .single()
                .attachment();
        uploads.record(size);
        return stored;
    }

    /**
     * Links the attachments a message's {@code metadata.attachments} names to it, inside the send's
     * transaction: a bad id fails the send and stores nothing.
     *
     * @throws ParleyException {@code invalid_request} when {@code attachments} is not an array of ids of
     *     the sender's own uploads
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void link(long messageId, long senderId, JsonNode metadata) {
        JsonNode ids = metadata == null ? null : metadata.get("attachments");
        if (ids == null || ids.isNull()) {
            return;
        }
        if (!ids.isArray()) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "metadata.attachments is an array of attachment ids");
        }
        for (JsonNode id : ids) {
            if (!id.canConvertToLong()) {
                throw new ParleyException(
                        ErrorCode.INVALID_REQUEST, "metadata.attachments is an array of attachment ids");
            }
            int linked = jdbc.sql("""
                            INSERT INTO message_attachments (message_id, attachment_id)
                            SELECT ?, id FROM attachments WHERE id = ? AND uploader_id = ? ON CONFLICT DO NOTHING""").params(messageId, id.asLong(), senderId).update();
            if (linked == 0 && !alreadyLinked(messageId, id.asLong())) {
                throw new ParleyException(
                        ErrorCode.INVALID_REQUEST, "Attachment " + id.asLong() + " is not one of your uploads");
            }
        }
    }

    /**
     * The file, for its uploader or a member of a conversation whose message carries it.
     *
     * @throws ParleyException {@code not_found} (404), {@code forbidden} (403)
     */
    public Download download(long attachmentId, long userId) {
        Stored stored = jdbc.sql("SELECT " + COLUMNS + " FROM attachments WHERE id = ?")
                .param(attachmentId)
                .query(STORED)
                .optional()
                .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "Attachment not found"));
        boolean allowed = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM attachments WHERE id = :aid AND uploader_id = :uid)
                            OR EXISTS (SELECT 1 FROM message_attachments ma
                                       JOIN messages m ON m.id = ma.message_id AND NOT m.deleted
                                       JOIN conversation_members cm ON cm.conversation_id = m.conversation_id
                                       WHERE ma.attachment_id = :aid AND cm.user_id = :uid)""")
                .param("aid", attachmentId)
                .param("uid", userId)
                .query(Boolean.class)
                .single();
        if (!allowed) {
            throw new ParleyException(
                    ErrorCode.FORBIDDEN, "Only members of a conversation that carries it may download it");
        }
        try {
            return new Download(stored.attachment(), store.get(stored.key()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean alreadyLinked(long messageId, long attachmentId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM message_attachments WHERE message_id = ? AND attachment_id = ?)")
                .params(messageId, attachmentId)
                .query(Boolean.class)
                .single();
    }

    /**
     * {@code type/subtype} of a part's Content-Type, lower case, parameters dropped; refused unless both are
     * RFC 6838 tokens without wildcards, so every stored type can be served back as it is.
     */
    private static String mediaType(String contentType) {
        try {
            MimeType mime = MimeTypeUtils.parseMimeType(contentType == null ? "" : contentType);
            if (mime.isWildcardType() || mime.isWildcardSubtype()) {
                throw new InvalidMimeTypeException(contentType, "a wildcard is not a file's type");
            }
            return (mime.getType() + "/" + mime.getSubtype()).toLowerCase(Locale.ROOT);
        } catch (InvalidMimeTypeException e) {
            throw new ParleyException(
                    ErrorCode.UNSUPPORTED_ATTACHMENT_TYPE, "Not a media type: " + String.valueOf(contentType));
        }
    }

    private static boolean accepts(String accepted, String type) {
        return accepted.endsWith("/*")
                ? type.startsWith(accepted.substring(0, accepted.length() - 1))
                : accepted.equals(type);
    }
}
