package dev.parley.messaging;

import dev.parley.conversations.ConversationService;
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

    private final AttachmentRepository attachments;
    private final ConversationService conversations;
    private final AttachmentStore store;
    private final AttachmentProperties properties;
    private final DistributionSummary uploads;

    AttachmentService(
            AttachmentRepository attachments,
            ConversationService conversations,
            AttachmentStore store,
            AttachmentProperties properties,
            MeterRegistry meters) {
        this.attachments = attachments;
        this.conversations = conversations;
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
        Attachment stored = attachments.insert(uploaderId, name, type, size, key);
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
            if (!attachments.link(messageId, id.asLong(), senderId)) {
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
        AttachmentRepository.Stored stored = attachments
                .find(attachmentId)
                .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "Attachment not found"));
        boolean allowed = attachments.uploadedBy(attachmentId, userId)
                || conversations.isMemberOfAny(attachments.conversationsCarrying(attachmentId), userId);
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
