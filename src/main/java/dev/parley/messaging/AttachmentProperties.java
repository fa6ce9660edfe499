package dev.parley.messaging;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Attachment limits.
 *
 * @param maxSize largest accepted file; default 10 MB (uploads are also capped by
 *     {@code spring.servlet.multipart.max-file-size}, 25 MB here)
 * @param contentTypes accepted content types, {@code type/*} wildcards allowed; default images, PDF,
 *     plain text, ZIP, audio and video
 */
@ConfigurationProperties("parley.attachments")
public record AttachmentProperties(
        @DefaultValue("10MB") DataSize maxSize,

        @DefaultValue({"image/*", "application/pdf", "text/plain", "application/zip", "audio/*", "video/*"})
        List<String> contentTypes) {}
