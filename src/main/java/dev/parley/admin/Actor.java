package dev.parley.admin;

/**
 * Who performs an admin action: an admin's account, or the local command on the server's machine.
 *
 * @param id the admin's user id; null for the local command
 * @param name the admin's username, or {@link #LOCAL_NAME}
 */
public record Actor(Long id, String name) {

    /** The audit log's name for {@code bin/parley admin}. */
    public static final String LOCAL_NAME = "bin/parley admin";

    /** The local command. */
    public static Actor local() {
        return new Actor(null, LOCAL_NAME);
    }
}
