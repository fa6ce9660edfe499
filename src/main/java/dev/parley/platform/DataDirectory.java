package dev.parley.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Parley's own directory ({@code parley.data-dir}, default {@code ./data}): the embedded database's
 * files and secrets generated on first start, so that a restart keeps users, messages and tokens.
 */
@Component
public class DataDirectory {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    public DataDirectory(PlatformProperties properties) {
        this.root = properties.dataDir().toAbsolutePath().normalize();
    }

    /** {@code name} resolved inside the data directory, created as a directory if missing. */
    public Path directory(String name) {
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
        return dir;
    }

    /** File {@code name} in the data directory, which is created if missing; the file itself may not exist. */
    public Path file(String name) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + root, e);
        }
        return root.resolve(name);
    }

    /**
     * The secret stored in file {@code name}; on first use 32 random bytes are generated, written
     * Base64-encoded with owner-only permissions, and returned from then on.
     *
     * @return the secret's text, at least 43 characters (256 bits of entropy)
     */
    public synchronized String secret(String name) {
        Path file = root.resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(root);
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Path tmp = Files.createTempFile(root, name, ".tmp");
            trySetOwnerOnly(tmp);
            Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret " + file, e);
        }
    }

    private static void trySetOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
    }
}
