package dev.parley.messaging;

import dev.parley.platform.DataDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The default {@link AttachmentStore}: one file per attachment under {@code <data-dir>/attachments}, an
 * owner-only directory; each file is owner-only too (0600), written to a temporary file and moved into place.
 */
class FileSystemAttachmentStore implements AttachmentStore {

    private final Path root;

    FileSystemAttachmentStore(DataDirectory dataDirectory) {
        this.root = dataDirectory.directory("attachments");
    }

    @Override
    public String put(InputStream content) throws IOException {
        String key = UUID.randomUUID().toString();
        Path tmp = Files.createTempFile(root, "upload", ".tmp"); // 0600 on POSIX file systems
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) { // keeps the temporary file's permissions
                content.transferTo(out);
            }
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
