package org.transformerguide.storage;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database must accept writes: checked once right after the migrations (start-up stops with one
 * plain sentence if not, see {@link StorageFailureAnalyzer}) and at every health check, which reports
 * the database DOWN (and the service 503) while writes fail.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    FlywayMigrationStrategy migrateThenProveWritable() {
        return flyway -> {
            flyway.migrate();
            try {
                StorageProbe.write(flyway.getConfiguration().getDataSource());
            } catch (SQLException e) {
                throw new StorageUnavailableException("The database accepts no writes (" + StorageFailureAnalyzer.firstLine(e)
                        + "); the data directory or its disk may be read-only or full.", e);
            }
        };
    }

    /** Replaces Spring Boot's "db" indicator, whose SELECT 1 succeeds on a read-only database. */
    @Bean
    HealthIndicator dbHealthIndicator(DataSource dataSource) {
        return () -> {
            try {
                StorageProbe.write(dataSource);
                return Health.up().build();
            } catch (SQLException | RuntimeException e) {
                return Health.down().withDetail("reason", "the database accepts no writes").build();
            }
        };
    }
}
