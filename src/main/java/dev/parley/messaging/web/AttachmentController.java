package dev.parley.messaging.web;

import dev.parley.accounts.CurrentUser;
import dev.parley.limits.RateLimit;
import dev.parley.limits.RateLimiter;
import dev.parley.messaging.AttachmentService;
import dev.parley.messaging.AttachmentService.Attachment;
import dev.parley.messaging.AttachmentService.Download;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/chats/attachments/} (multipart {@code file}) and {@code GET /api/chats/attachments/{id}/}.
 * Downloads are served with {@code nosniff}; only raster images are shown inline, everything else
 * (SVG included) downloads as a file.
 */
@Tag(name = "Attachments")
@RestController
class AttachmentController {

    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private final AttachmentService attachments;
    private final RateLimiter limiter;

    AttachmentController(AttachmentService attachments, RateLimiter limiter) {
        this.attachments = attachments;
        this.limiter = limiter;
    }

    /**
     * 201 {@code {id, filename, content_type, size, created_at}}; 413 / 415 for refused files; 429 past the
     * user's upload limits (files, and bytes).
     */
    @Operation(
            operationId = "uploadAttachment",
            summary = "Upload a file",
            description =
                    "Stores a file (multipart field `file`) to send in a message's `metadata.attachments`. Limited per user in files and bytes.")
    @Refusals({
        ErrorCode.INVALID_REQUEST,
        ErrorCode.ATTACHMENT_TOO_LARGE,
        ErrorCode.UNSUPPORTED_ATTACHMENT_TYPE,
        ErrorCode.RATE_LIMITED
    })
    @PostMapping(path = "/api/chats/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Attachment upload(CurrentUser caller, @RequestParam(name = "file", required = false) MultipartFile file) {
        if (file == null) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "Send the file as multipart field 'file'");
        }
        limiter.check(RateLimit.UPLOAD, caller.id());
        limiter.check(RateLimit.UPLOAD_BYTES, caller.id(), Math.max(1, file.getSize()));
        try {
            return attachments.upload(
                    caller.id(),
                    file.getOriginalFilename(),
                    file.getContentType(),
                    file.getSize(),
                    file.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's bytes; 403 {@code forbidden} for anyone but its uploader and members of a conversation carrying it. */
    @Operation(
            operationId = "downloadAttachment",
            summary = "Download a file",
            description = "The file's bytes, for its uploader and the participants of a conversation carrying it.")
    @Refusals({ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND})
    @GetMapping("/api/chats/attachments/{id}")
    ResponseEntity<InputStreamResource> download(CurrentUser caller, @PathVariable long id) {
        Download download = attachments.download(id, caller.id());
        Attachment attachment = download.attachment();
        ContentDisposition disposition = (INLINE.contains(attachment.contentType())
                        ? ContentDisposition.inline()
                        : ContentDisposition.attachment())
                .filename(attachment.filename(), java.nio.charset.StandardCharsets.UTF_8)
                .build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(attachment.contentType()))
                .contentLength(attachment.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(download.content()));
    }
}
