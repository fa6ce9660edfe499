package dev.parley.shared.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser-facing settings shared by CORS and the WebSocket Origin check.
 *
 * @param allowedOrigins origins besides the server's own that may call the REST API and open
 *     WebSockets ({@code PARLEY_ALLOWED_ORIGINS}, comma-separated, e.g. {@code https://app.example.com});
 *     default none. Requests without an Origin header (non-browser clients) are always allowed.
 */
@ConfigurationProperties("parley")
public record WebProperties(@DefaultValue List<String> allowedOrigins) {}
