package dev.parley.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL known to be unreachable, so that every request that needs it is answered at once (SPEC "Guarantees":
 * 503 {@code service_unavailable}, fast) instead of each waiting for the pool's {@code connection-timeout}, and so
 * that it is used again as soon as it is back. A Resilience4j circuit breaker named {@code database} holds the
 * state:
 *
 * <ul>
 *   <li><b>closed</b>: connections come from the pool. A connection-level failure (SQLSTATE class 08, PostgreSQL
 *       shutting down or terminating the session, the pool unable to connect), or a caller waiting for a pooled
 *       connection longer than a probe interval, makes it {@linkplain #suspect suspect} an outage: a probe, on a
 *       fresh connection of its own, confirms it or not.
 *   <li><b>open</b>, once a probe failed: every connection is refused at once with an SQLSTATE 08001 exception
 *       (503 to clients); the callers already waiting in the pool are woken and refused too; the pool stops
 *       reconnecting (its minimum idle is 0 while open) so that its back-off does not grow; a probe tries a fresh
 *       connection every {@code parley.database.probe-interval} (250 ms) and closes the circuit when one answers.
 * </ul>
 *
 * Meters: {@code parley.database.circuit.open} (1 while open), {@code parley.database.circuit.opened} and
 * {@code parley.database.circuit.rejected} (connections refused at once).
 */
public class DatabaseCircuit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseCircuit.class);

    /** PostgreSQL ends sessions: admin shutdown, crash shutdown, cannot connect now (starting or stopping). */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private final CircuitBreaker breaker;
    private final ScheduledExecutorService probes;
    private final Duration probeInterval;
    private final AtomicBoolean confirming = new AtomicBoolean();
    private final Map<Thread, Waiting> waiting = new ConcurrentHashMap<>();
    private final Counter opened;
    private final Counter rejected;
    private volatile HikariDataSource pool;
    private volatile DataSource probeSource;
    /** The pool's minimum idle before the circuit opened, restored when it closes; -1 until then. */
    private volatile int minimumIdle = -1;

    private ScheduledFuture<?> probing;

    /** One caller inside the pool's {@code getConnection}, which an opening circuit may interrupt. */
    static final class Waiting {
        private final Thread thread = Thread.currentThread();
        private final long since = System.nanoTime();
        private boolean inside = true;
        private boolean interrupted;
    }

    DatabaseCircuit(ScheduledExecutorService probes, Duration probeInterval, MeterRegistry meters) {
        this.probes = probes;
        this.probeInterval = probeInterval;
        this.breaker = CircuitBreaker.of(
                "database",
                CircuitBreakerConfig.custom()
                        // opened and closed by the probes, never by a count of calls, nor half-opened by time
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .waitDurationInOpenState(Duration.ofDays(365))
                        .build());
        this.opened = Counter.builder("parley.database.circuit.opened")
                .description("Outages of PostgreSQL: times the circuit opened")
                .register(meters);
        this.rejected = Counter.builder("parley.database.circuit.rejected")
                .description("Connections refused at once while PostgreSQL was known to be unreachable")
                .register(meters);
        Gauge.builder("parley.database.circuit.open", breaker, b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0)
                .description("1 while PostgreSQL is known to be unreachable and requests are answered 503 at once")
                .register(meters);
        probes.scheduleWithFixedDelay(
                this::checkWaits, probeInterval.toMillis(), probeInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A caller waiting longer than a probe interval for a pooled connection may be waiting for a PostgreSQL that
     * went away silently (a network cut: nothing failed yet); a probe finds out.
     */
    private void checkWaits() {
        long longest = probeInterval.toNanos();
        long now = System.nanoTime();
        if (!isOpen() && waiting.values().stream().anyMatch(entry -> now - entry.since > longest)) {
            suspect(new SQLTransientConnectionException("A connection was awaited for over " + probeInterval));
        }
    }

    /** Watches {@code pool}: probes connect as it does, with a fresh connection of their own. */
    void watch(HikariDataSource pool, DataSource probeSource) {
        this.pool = pool;
        this.probeSource = probeSource;
    }

    /** Whether PostgreSQL is known to be unreachable now. */
    public boolean isOpen() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    /** The exception a connection request gets while open: SQLSTATE 08001, which callers answer with 503. */
    SQLTransientConnectionException refusal() {
        rejected.increment();
        return new SQLTransientConnectionException(
                "PostgreSQL is unreachable; refused at once until it answers again", "08001");
    }

    /** Whether {@code failure} (or a cause) says the connection to PostgreSQL failed, not the statement. */
    static boolean connectionLevel(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** A connection-level failure was seen: while closed, a probe checks at once whether PostgreSQL answers. */
    void suspect(Throwable failure) {
        if (!isOpen() && confirming.compareAndSet(false, true)) {
            log.debug("Checking whether PostgreSQL answers after: {}", failure.toString());
            probes.execute(() -> {
                try {
                    if (!answers()) {
                        open();
                    }
                } finally {
                    confirming.set(false);
                }
            });
        }
    }

    /** Registers the calling thread as waiting for a pooled connection; pair with {@link #leave}. */
    Waiting enter() {
        Waiting entry = new Waiting();
        waiting.put(entry.thread, entry);
        return entry;
    }

    /**
     * The calling thread got its answer from the pool.
     *
     * @return whether the circuit interrupted its wait (the interrupt is cleared here)
     */
    boolean leave(Waiting entry) {
        waiting.remove(entry.thread);
        synchronized (entry) {
            entry.inside = false;
        }
        if (entry.interrupted) {
            Thread.interrupted(); // ours, delivered while it waited in the pool: not for whatever it does next
        }
        return entry.interrupted;
    }

    private synchronized void open() {
        if (isOpen()) {
            return;
        }
        breaker.transitionToOpenState();
        opened.increment();
        log.warn(
                "PostgreSQL is unreachable: requests that need it are answered 503 at once; probing every {} ms",
                probeInterval.toMillis());
        if (pool != null) {
            minimumIdle = pool.getMinimumIdle(); // as the started pool settled it
            pool.setMinimumIdle(0); // no waiters, no idle minimum: the pool stops reconnecting with growing back-off
            if (pool.getHikariPoolMXBean() != null) {
                pool.getHikariPoolMXBean().softEvictConnections();
            }
        }
        for (Waiting entry : waiting.values()) {
            synchronized (entry) {
                if (entry.inside) {
                    entry.interrupted = true;
                    entry.thread.interrupt();
                }
            }
        }
        probing = probes.scheduleWithFixedDelay(
                this::probeWhileOpen, probeInterval.toMillis(), probeInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probeWhileOpen() {
        if (answers()) {
            close(true);
        }
    }

    private synchronized void close(boolean answered) {
        if (probing != null) {
            probing.cancel(false);
            probing = null;
        }
        if (isOpen()) {
            if (pool != null && minimumIdle >= 0) {
                pool.setMinimumIdle(minimumIdle);
            }
            if (answered) {
                breaker.transitionToClosedState();
                log.info("PostgreSQL answers again: requests use it from now on");
            }
        }
    }

    /**
     * Whether a fresh connection, not from the pool, can be made and answers a validity check within about a
     * second. A refusal that is not about reaching PostgreSQL (too many connections, a wrong password) counts as
     * an answer: PostgreSQL is there, and refusing every request would not help.
     */
    private boolean answers() {
        DataSource source = probeSource;
        if (source == null) {
            return true;
        }
        try (Connection connection = source.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return !connectionLevel(e);
        }
    }

    /** Stops probing and the probe thread. */
    @Override
    public void close() {
        close(false);
        probes.shutdownNow();
    }
}
