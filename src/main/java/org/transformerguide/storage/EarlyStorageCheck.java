package org.transformerguide.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Opens an H2 file database as soon as the settings are known, a second or two into start-up rather than
 * after the guide is rendered and indexed, so that a locked, read-only or unopenable database stops the
 * start at once with one plain sentence ({@link StorageFailureAnalyzer}). Other databases are checked
 * after their migrations ({@link StorageConfiguration}). Registered in META-INF/spring.factories.
 */
public class EarlyStorageCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment settings = event.getEnvironment();
        String url = settings.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:h2:file:")) {
            return;
        }
        String user = settings.getProperty("spring.datasource.username", "sa");
        String password = settings.getProperty("spring.datasource.password", "");
        // H2 prints its own stack trace to stderr when it cannot write its trace file: not for this probe
        String probeUrl = url.toUpperCase(java.util.Locale.ROOT).contains("TRACE_LEVEL_FILE") ? url : url + ";TRACE_LEVEL_FILE=0";
        try (Connection connection = DriverManager.getConnection(probeUrl, user, password)) {
            if (connection.isReadOnly()) {
                throw new StorageUnavailableException("The database is read-only: the data directory ("
                        + settings.getProperty("guide.data-dir", "?") + ") or its files cannot be written.", null);
            }
        } catch (SQLException e) {
            throw new StorageUnavailableException(StorageFailureAnalyzer.describe(e), e);
        }
    }
}
