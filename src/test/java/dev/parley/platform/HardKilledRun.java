package dev.parley.platform;

import java.nio.file.Path;

/**
 * Child-process stand-in for a Parley run that gets {@code kill -9}ed: starts the embedded PostgreSQL
 * of the given data directory, prints {@code ready}, and waits to be killed.
 */
public final class HardKilledRun {

    private HardKilledRun() {}

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresLauncher.start(new DataDirectory(new PlatformProperties(
                Path.of(args[0]), false, 4096, new PlatformProperties.Database(java.time.Duration.ofMillis(250)))));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
