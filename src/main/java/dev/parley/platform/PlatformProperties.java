package dev.parley.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Zero-config settings.
 *
 * @param dataDir where the embedded PostgreSQL and generated secrets live ({@code PARLEY_DATA_DIR}),
 *     relative to the working directory; default {@code data}
 * @param exitWhenReady shut down, as on SIGTERM, right after reporting ready ({@code
 *     PARLEY_EXIT_WHEN_READY}); the build's training run for the JDK AOT cache uses it; default false
 * @param acceptQueueSize connections the kernel holds for Jetty before it accepts them ({@code
 *     PARLEY_ACCEPT_QUEUE_SIZE}): room for a burst of reconnecting clients; capped by the kernel's
 *     {@code net.core.somaxconn}; default 4096 (Jetty's own default, 50, dropped connections in a burst)
 * @param database how an unreachable PostgreSQL is handled ({@link DatabaseCircuit})
 */
@ConfigurationProperties("parley")
public record PlatformProperties(
        @DefaultValue("data") Path dataDir,
        @DefaultValue("false") boolean exitWhenReady,
        @DefaultValue("4096") int acceptQueueSize,
        @DefaultValue Database database) {

    /**
     * While PostgreSQL is known to be unreachable.
     *
     * @param probeInterval how often a fresh connection is tried, to notice that PostgreSQL is back ({@code
     *     parley.database.probe-interval}); default 250 ms
     */
    public record Database(@DefaultValue("250ms") java.time.Duration probeInterval) {}
}
