package dev.parley.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

/**
 * Starts the zero-config PostgreSQL on a thread of its own as soon as the application context is prepared,
 * before it is refreshed, so that initdb and the postmaster's start overlap the two seconds or so the
 * context takes to load its bean definitions (a shorter zero-config start); {@link EmbeddedPostgresConfiguration}
 * then waits for it. Nothing is started when {@code spring.datasource.url} is set. Registered in
 * {@code META-INF/spring.factories}.
 */
class EmbeddedPostgresEarlyStart implements ApplicationListener<ApplicationPreparedEvent> {

    /** The bean through which the configuration takes the started database. */
    static final String BEAN_NAME = "parleyEmbeddedPostgresStartup";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        Environment environment = context.getEnvironment();
        if (!EmbeddedPostgresConfiguration.NoDataSourceUrl.matches(environment)
                || context.getBeanFactory().containsSingleton(BEAN_NAME)) {
            return;
        }
        PlatformProperties properties = Binder.get(environment).bindOrCreate("parley", PlatformProperties.class);
        Startup startup = new Startup(new DataDirectory(properties));
        context.getBeanFactory().registerSingleton(BEAN_NAME, startup);
        context.addApplicationListener((ApplicationListener<ContextClosedEvent>) closed -> startup.closeUnclaimed());
    }

    /** A start under way; {@link #claim()} hands the database over, and its owner closes it from then on. */
    static final class Startup {

        private final CompletableFuture<EmbeddedPostgres> postgres = new CompletableFuture<>();
        private final AtomicBoolean claimed = new AtomicBoolean();

        Startup(DataDirectory dataDirectory) {
            Thread.ofPlatform().name("embedded-postgres-start").daemon().start(() -> {
                try {
                    postgres.complete(EmbeddedPostgresLauncher.start(dataDirectory));
                } catch (IOException | RuntimeException e) {
                    postgres.completeExceptionally(e);
                }
            });
        }

        /** Waits for the start and hands the database over (its owner must close it). */
        EmbeddedPostgres claim() throws IOException {
            claimed.set(true);
            try {
                return postgres.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while PostgreSQL started", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("PostgreSQL did not start", e.getCause());
            }
        }

        /** A context that fails before it takes the database stops it, so no postmaster is left behind. */
        void closeUnclaimed() {
            if (!claimed.getAndSet(true)) {
                postgres.thenAccept(started -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
