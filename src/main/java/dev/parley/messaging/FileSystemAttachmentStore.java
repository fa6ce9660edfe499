package dev.parley.messaging;

import dev.parley.platform.DataDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The default {@link AttachmentStore}: one file per attachment under {@code <data-dir>/attachments}. */
class FileSystemAttachmentStore implements AttachmentStore {

    private final Path root;

    FileSystemAttachmentStore(DataDirectory dataDirectory) {
        this.root = dataDirectory.directory("attachments");
    }

    @Override
    public String put(InputStream content) throws IOException {
        String key = UUID.randomUUID().toString();
        Path tmp = Files.createTempFile(root, "upload", ".tmp");
        try {
            Files.copy(content, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, root.resolve(key));
        } finally {
            Files.deleteIfExists(tmp);
        }
        return key;
    }

    @Override
    public InputStream get(String key) throws IOException {
        if (!key.matches("[0-9a-f-]{36}")) {
            throw new IOException("Not an attachment key: " + key);
        }
        return Files.newInputStream(root.resolve(key));
    }
}
