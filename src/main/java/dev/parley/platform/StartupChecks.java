package dev.parley.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Checks the settings that most often stop a start, before anything starts (no initdb, no migrations),
 * each within a few seconds: the data directory is writable, the port is free, a configured JWT secret is
 * long enough, and a configured Redis and PostgreSQL answer (PostgreSQL accepting the credentials). A
 * failure ends the start with one paragraph saying what is wrong and what to do
 * ({@link StartupCheckFailureAnalyzer}, Boot's port-in-use report for the port). Registered in
 * {@code META-INF/spring.factories}; runs before {@link EmbeddedPostgresEarlyStart}.
 */
class StartupChecks implements ApplicationListener<ApplicationPreparedEvent>, Ordered {

    /** The longest each network check waits. */
    private static final int TIMEOUT_SECONDS = 3;

    /** HS256 wants a key of at least 256 bits. */
    private static final int MIN_SECRET_BYTES = 32;

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        dataDirectory(Binder.get(environment)
                .bindOrCreate("parley", PlatformProperties.class)
                .dataDir());
        port(environment.getProperty("server.port", Integer.class, 8080));
        secret(environment.getProperty("parley.jwt.secret"));
        redis(environment.getProperty("spring.data.redis.url"));
        database(
                environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"));
    }

    private static void dataDirectory(Path configured) {
        Path directory = configured.toAbsolutePath().normalize();
        try {
            DataDirectory.ownerOnlyDirectory(directory);
            Files.delete(Files.createTempFile(directory, ".write-check", ""));
        } catch (IOException | RuntimeException e) {
            throw new StartupCheckException(
                    "The data directory " + directory + " is not a writable directory (" + e + ").",
                    "Make it writable for this user, or point PARLEY_DATA_DIR (parley.data-dir) to one that is.",
                    e);
        }
    }

    private static void port(int port) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new PortInUseException(port, e);
        }
    }

    private static void secret(String secret) {
        if (secret != null && !secret.isBlank() && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new StartupCheckException(
                    "PARLEY_JWT_SECRET (parley.jwt.secret) has " + secret.getBytes(StandardCharsets.UTF_8).length
                            + " bytes; signing tokens needs at least " + MIN_SECRET_BYTES + ".",
                    "Set it to 32 or more random characters, the same on every node (for example the output of"
                            + " `openssl rand -base64 48`), or unset it to have one generated into the data directory.",
                    null);
        }
    }

    private static void redis(String url) {
        if (url == null || url.isBlank()) {
            return;
        }
        URI uri = URI.create(url);
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : 6379;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_SECONDS * 1000);
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupCheckException(
                    "Redis at " + host + ":" + port + " (SPRING_DATA_REDIS_URL) cannot be reached: " + e.getMessage()
                            + ".",
                    "Start Redis there or correct SPRING_DATA_REDIS_URL; without it (unset), Parley runs as a single"
                            + " node with in-process fan-out.",
                    e);
        }
    }

    private static void database(String url, String username, String password) {
        if (url == null || url.isBlank()) {
            return; // the embedded PostgreSQL
        }
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(TIMEOUT_SECONDS));
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            connection.isValid(TIMEOUT_SECONDS);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            boolean refused = state.startsWith("28");
            boolean missing = state.equals("3D000");
            throw new StartupCheckException(
                    (refused
                                    ? "PostgreSQL refused the credentials"
                                    : missing ? "The database does not exist" : "PostgreSQL cannot be reached")
                            + " at " + url + ": " + e.getMessage() + ".",
                    refused
                            ? "Check SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD (the role must exist"
                                    + " and may log in)."
                            : missing
                                    ? "Create it (createdb, or CREATE DATABASE as its owner) or correct the name in"
                                            + " SPRING_DATASOURCE_URL."
                                    : "Start PostgreSQL or correct SPRING_DATASOURCE_URL"
                                            + " (jdbc:postgresql://host:port/database); without it (unset), Parley"
                                            + " runs its own embedded PostgreSQL.",
                    e);
        }
    }
}
