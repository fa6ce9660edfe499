package dev.parley.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts an embedded PostgreSQL under {@code <data-dir>/postgres} and points the application's data
 * source at it, but only when no {@code spring.datasource.url} ({@code SPRING_DATASOURCE_URL}) is
 * configured: with one, Boot's own data source is used and nothing is started here.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDataSourceUrl.class)
class EmbeddedPostgresConfiguration {

    /** The database {@link EmbeddedPostgresEarlyStart} began starting before the refresh, else started here. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(
            DataDirectory dataDirectory, ObjectProvider<EmbeddedPostgresEarlyStart.Startup> earlyStart)
            throws IOException {
        EmbeddedPostgresEarlyStart.Startup startup = earlyStart.getIfAvailable();
        return startup != null ? startup.claim() : EmbeddedPostgresLauncher.start(dataDirectory);
    }

    /** The superuser with its generated password (see {@link EmbeddedPostgresLauncher}). */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres, DataDirectory dataDirectory) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(postgres.getJdbcUrl(EmbeddedPostgresLauncher.SUPERUSER, "postgres"))
                .username(EmbeddedPostgresLauncher.SUPERUSER)
                .password(dataDirectory.secret(EmbeddedPostgresLauncher.PASSWORD_FILE))
                .build();
    }

    static class NoDataSourceUrl extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return matches(context.getEnvironment())
                    ? ConditionOutcome.match("no spring.datasource.url: embedded PostgreSQL")
                    : ConditionOutcome.noMatch("spring.datasource.url is set");
        }

        static boolean matches(Environment environment) {
            String url = environment.getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
