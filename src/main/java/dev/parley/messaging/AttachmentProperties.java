package dev.parley.messaging;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Attachment settings.
 *
 * @param maxSize largest accepted file; default 10 MB (uploads are also capped by
 *     {@code spring.servlet.multipart.max-file-size}, 25 MB here)
 * @param contentTypes accepted content types, {@code type/*} wildcards allowed; default images, PDF,
 *     plain text, ZIP, audio and video
 * @param store where the bytes live ({@code PARLEY_ATTACHMENTS_STORE}): {@code filesystem}, files under
 *     {@code <data-dir>/attachments} (one node, or nodes sharing that directory); {@code database}, rows in
 *     PostgreSQL (several nodes on separate hosts, no shared disk); default {@code filesystem}
 */
@ConfigurationProperties("parley.attachments")
public record AttachmentProperties(
        @DefaultValue("10MB") DataSize maxSize,

        @DefaultValue({"image/*", "application/pdf", "text/plain", "application/zip", "audio/*", "video/*"})
        List<String> contentTypes,

        @DefaultValue("filesystem") Store store) {

    /** Where attachment bytes live. */
    public enum Store {
        FILESYSTEM,
        DATABASE
    }
}
