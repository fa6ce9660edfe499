package dev.parley.platform;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.util.DriverDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the application's connection pool behind the {@link DatabaseCircuit}: the pool (HikariCP) tells the
 * circuit of every connection-level failure on its connections, and the data source every component uses is
 * the {@link CircuitBreakingDataSource} around it. The circuit's probe thread ({@code database-probe}) is
 * created here and stopped with the context.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseCircuitConfiguration {

    /** Seconds a probe waits to connect and for an answer; short, since it runs while PostgreSQL is in doubt. */
    private static final String PROBE_TIMEOUT_SECONDS = "1";

    @Bean(destroyMethod = "close")
    DatabaseCircuit databaseCircuit(PlatformProperties properties, MeterRegistry meters) {
        return new DatabaseCircuit(
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().name("database-probe").daemon().factory()),
                properties.database().probeInterval(),
                meters);
    }

    /** Wraps the HikariCP pool, before anything connects through it. */
    @Bean
    static BeanPostProcessor databaseCircuitInstaller(ObjectProvider<DatabaseCircuit> circuits) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof HikariDataSource pool)) {
                    return bean;
                }
                DatabaseCircuit circuit = circuits.getObject();
                pool.setExceptionOverride(new SQLExceptionOverride() {
                    @java.lang.Override
                    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
                        if (DatabaseCircuit.connectionLevel(failure)) {
                            circuit.suspect(failure);
                        }
                        // the pool's own rules decide about the connection
                        return SQLExceptionOverride.Override.CONTINUE_EVICT;
                    }
                });
                circuit.watch(pool, probeSource(pool));
                return new CircuitBreakingDataSource(pool, circuit);
            }
        };
    }

    /** Connects as the pool does, unpooled, with a short connect and read timeout (PostgreSQL's driver). */
    private static DataSource probeSource(HikariDataSource pool) {
        if (pool.getDataSource() != null) {
            return pool.getDataSource();
        }
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        properties.setProperty("connectTimeout", PROBE_TIMEOUT_SECONDS);
        properties.setProperty("socketTimeout", PROBE_TIMEOUT_SECONDS);
        properties.setProperty("loginTimeout", PROBE_TIMEOUT_SECONDS);
        return new DriverDataSource(
                pool.getJdbcUrl(), pool.getDriverClassName(), properties, pool.getUsername(), pool.getPassword());
    }
}
