package dev.parley.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Parley's own directory ({@code parley.data-dir}, default {@code ./data}): the embedded database's
 * files and secrets generated on first start, so that a restart keeps users, messages and tokens. The
 * directory and every directory Parley makes in it are owner-only (0700): no other local user reads the
 * database's files, its socket, the secrets or the uploads. A data directory that was readable by others is
 * made owner-only at start.
 */
@Component
public class DataDirectory {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path root;

    public DataDirectory(PlatformProperties properties) {
        this.root = properties.dataDir().toAbsolutePath().normalize();
    }

    /** The data directory itself, created owner-only if missing and made owner-only if it was not. */
    public Path root() {
        ownerOnlyDirectory(root);
        return root;
    }

    /** {@code name} resolved inside the data directory, created as an owner-only directory if missing. */
    public Path directory(String name) {
        return ownerOnlyDirectory(root().resolve(name));
    }

    /** File {@code name} in the data directory, which is created if missing; the file itself may not exist. */
    public Path file(String name) {
        return root().resolve(name);
    }

    /**
     * {@code dir}, created with mode 0700 when missing (its missing parents too), or narrowed to 0700 when group
     * or others had any access. On a file system without POSIX permissions it is only created.
     *
     * @throws UncheckedIOException when it cannot be created or its permissions cannot be read or set
     */
    public static Path ownerOnlyDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, ownerOnly(dir));
            }
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")
                    && !Files.getPosixFilePermissions(dir).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir + " as an owner-only directory", e);
        }
        return dir;
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
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
            root();
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
