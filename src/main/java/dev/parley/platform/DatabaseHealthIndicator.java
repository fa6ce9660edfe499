package dev.parley.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code database} in {@code /actuator/health} and in the readiness group: UP when a pooled connection
 * answers a validity check. The answer never waits longer than {@link #BUDGET}: a check still running
 * then (PostgreSQL unreachable, the pool waiting for a connection) reports DOWN, and later calls share
 * that one check instead of piling up more.
 */
@Component
class DatabaseHealthIndicator implements HealthIndicator, AutoCloseable {

    /** The longest a health request waits for the check. */
    static final Duration BUDGET = Duration.ofMillis(800);

    private final DataSource dataSource;
    private final ExecutorService checks = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("database-health-", 0).factory());
    private CompletableFuture<Boolean> running;

    DatabaseHealthIndicator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        try {
            return check().get(BUDGET.toMillis(), TimeUnit.MILLISECONDS)
                    ? Health.up().build()
                    : Health.down().withDetail("reason", "connection invalid").build();
        } catch (TimeoutException e) {
            return Health.down()
                    .withDetail("reason", "no connection within " + BUDGET.toMillis() + " ms")
                    .build();
        } catch (ExecutionException e) {
            return Health.down()
                    .withDetail("reason", e.getCause().getClass().getSimpleName())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }

    private synchronized CompletableFuture<Boolean> check() {
        if (running == null || running.isDone()) {
            running = CompletableFuture.supplyAsync(this::valid, checks);
        }
        return running;
    }

    private boolean valid() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
