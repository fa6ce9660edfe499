package dev.parley.shared;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells an unavailable database from a bug (SPEC "Guarantees": an unavailable database is answered fast
 * with 503 {@code service_unavailable}): no connection within the pool's {@code connection-timeout}, or
 * a connection lost while in use (SQLSTATE class 08), also when that made the rollback fail, and a commit or
 * rollback the JDBC connection could not carry out (the pool had already closed a connection it knew broken).
 */
public final class Outages {

    /** What clients are told to wait before trying again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** SQLSTATE class 08: connection exception (closed, refused, broken). */
    private static final String CONNECTION_EXCEPTION = "08";

    private Outages() {}

    /** Whether {@code failure} (or a cause of it) says the database cannot be reached. */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || (cause instanceof SQLException sql
                            && sql.getSQLState() != null
                            && sql.getSQLState().startsWith(CONNECTION_EXCEPTION))) {
                return true;
            }
            if (cause instanceof TransactionSystemException rollback // the connection died inside a transaction
                    && ((rollback.getApplicationException() != null
                                    && isDatabaseUnavailable(rollback.getApplicationException()))
                            || rollback.getCause() instanceof SQLException)) { // JDBC failed to roll back: it is gone
                return true;
            }
        }
        return false;
    }

    /**
     * {@code failure} as the refusal a client gets: itself when it is one, 503 {@code service_unavailable}
     * with {@link #RETRY_AFTER} when the database cannot be reached.
     *
     * @throws RuntimeException {@code failure} itself otherwise
     */
    public static ParleyException asRefusal(RuntimeException failure) {
        if (failure instanceof ParleyException refusal) {
            return refusal;
        }
        if (isDatabaseUnavailable(failure)) {
            return unavailable();
        }
        throw failure;
    }

    /** 503 {@code service_unavailable}, to be retried after {@link #RETRY_AFTER}. */
    public static ParleyException unavailable() {
        return new ParleyException(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.message(), RETRY_AFTER);
    }
}
