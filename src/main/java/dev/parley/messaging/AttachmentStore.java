package dev.parley.messaging;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where attachment bytes live. The default keeps them as files under {@code <data-dir>/attachments}; a
 * production store (S3, a CDN origin, …) implements this and is declared as a bean in its place.
 */
public interface AttachmentStore {

    /**
     * Stores {@code content} and answers the key to read it back with.
     *
     * @throws IOException when it cannot be stored; nothing is referenced then
     */
    String put(InputStream content) throws IOException;

    /** The bytes stored under {@code key}. */
    InputStream get(String key) throws IOException;
}
