package org.transformerguide.storage;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Turns a database that cannot be opened or written into one plain sentence at start-up instead of a
 * long stack trace whose cause is near the bottom. Registered in META-INF/spring.factories.
 */
public class StorageFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final String ACTION = "Fix the database (see the sentence above) and start again; nothing was changed.";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageUnavailableException storage) {
                return new FailureAnalysis(storage.getMessage(), ACTION, failure);
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return new FailureAnalysis(describe(sql), ACTION, failure);
            }
        }
        return null;
    }

    /** H2's error codes for the usual operator problems; anything else by its first line. */
    static String describe(SQLException e) {
        return switch (e.getErrorCode()) {
            case 90020 -> "The database is locked by another process: is a second copy of Transformer Guide running on the same data directory?";
            case 90097 -> "The database is read-only: the data directory or its files cannot be written.";
            case 90028, 90031, 90062, 90013, 90146 -> "The database cannot be opened or created: " + firstLine(e)
                    + " (check that the data directory exists, is a directory and is writable).";
            default -> "The database cannot be used: " + firstLine(e);
        };
    }

    public static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.replaceAll(";? ?SQL statement:$", "").replaceAll(" \\[[0-9-]+\\]$", "").strip();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
