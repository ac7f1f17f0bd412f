package org.transformerguide.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Proves that the database accepts writes by rewriting one row of {@code storage_probe} (created by the
 * migrations) and committing. Reading is not enough: a read-only H2 file opens and answers queries.
 */
public final class StorageProbe {

    private StorageProbe() {
    }

    public static void write(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try (Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.executeUpdate("update storage_probe set checked_at = current_timestamp where id = 1");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
