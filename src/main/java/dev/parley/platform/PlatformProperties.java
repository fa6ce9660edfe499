package dev.parley.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Zero-config settings.
 *
 * @param dataDir where the embedded PostgreSQL and generated secrets live ({@code PARLEY_DATA_DIR}),
 *     relative to the working directory; default {@code data}
 */
@ConfigurationProperties("parley")
public record PlatformProperties(@DefaultValue("data") Path dataDir) {}
