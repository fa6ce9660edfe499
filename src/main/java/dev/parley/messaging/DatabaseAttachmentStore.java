package dev.parley.messaging;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * The {@link AttachmentStore} of {@code parley.attachments.store=database}: each file's bytes in one row of
 * {@code attachment_contents}, so every node sharing the PostgreSQL serves every upload. A file is read into
 * memory whole (uploads are at most {@code parley.attachments.max-size}, 10 MB by default).
 */
class DatabaseAttachmentStore implements AttachmentStore {

    private final AttachmentRepository attachments;

    DatabaseAttachmentStore(AttachmentRepository attachments) {
        this.attachments = attachments;
    }

    @Override
    public String put(InputStream content) throws IOException {
        String key = UUID.randomUUID().toString();
        byte[] bytes = content.readAllBytes();
        attachments.putContent(key, bytes);
        return key;
    }

    @Override
    public InputStream get(String key) throws IOException {
        byte[] bytes =
                attachments.content(key).orElseThrow(() -> new FileNotFoundException("No attachment content " + key));
        return new ByteArrayInputStream(bytes);
    }
}
