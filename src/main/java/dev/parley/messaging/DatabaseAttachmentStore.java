package dev.parley.messaging;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link AttachmentStore} of {@code parley.attachments.store=database}: each file's bytes in one row of
 * {@code attachment_contents}, so every node sharing the PostgreSQL serves every upload. A file is read into
 * memory whole (uploads are at most {@code parley.attachments.max-size}, 10 MB by default).
 */
class DatabaseAttachmentStore implements AttachmentStore {

    private final JdbcClient jdbc;

    DatabaseAttachmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String put(InputStream content) throws IOException {
        String key = UUID.randomUUID().toString();
        byte[] bytes = content.readAllBytes();
        jdbc.sql("INSERT INTO attachment_contents (storage_key, content) VALUES (?, ?)")
                .params(key, bytes)
                .update();
        return key;
    }

    @Override
    public InputStream get(String key) throws IOException {
        byte[] bytes = jdbc.sql("SELECT content FROM attachment_contents WHERE storage_key = ?")
                .param(key)
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> new FileNotFoundException("No attachment content " + key));
        return new ByteArrayInputStream(bytes);
    }
}
