package dev.parley.platform;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source: the pool behind {@link DatabaseCircuit}. While the circuit is open a
 * connection is refused at once; a failure to connect makes the circuit suspect an outage; a caller the
 * opening circuit woke from its wait in the pool is refused like the rest.
 */
final class CircuitBreakingDataSource extends DelegatingDataSource {

    private final DatabaseCircuit circuit;

    CircuitBreakingDataSource(DataSource pool, DatabaseCircuit circuit) {
        super(pool);
        this.circuit = circuit;
    }

    /**
     * A pooled connection.
     *
     * @throws SQLException SQLSTATE 08001 at once while PostgreSQL is known to be unreachable; the pool's own
     *     failures otherwise
     */
    @Override
    public Connection getConnection() throws SQLException {
        DatabaseCircuit.Waiting waiting = circuit.enter(); // before looking at the state: an opening circuit wakes it
        Connection connection = null;
        SQLException failure = null;
        boolean woken;
        try {
            if (!circuit.isOpen()) {
                connection = obtainTargetDataSource().getConnection();
            }
        } catch (SQLException e) {
            failure = e;
        } finally {
            woken = circuit.leave(waiting);
        }
        if (connection != null) {
            return connection; // even if woken as it arrived: a connection that fails is answered 503 by its user
        }
        if (failure == null || woken) {
            throw circuit.refusal();
        }
        if (DatabaseCircuit.connectionLevel(failure)) {
            circuit.suspect(failure);
        }
        throw failure;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        if (circuit.isOpen()) {
            throw circuit.refusal();
        }
        return obtainTargetDataSource().getConnection(username, password);
    }
}
