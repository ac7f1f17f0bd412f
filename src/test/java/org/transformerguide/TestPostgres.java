package org.transformerguide;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test class on the server {@code .ci/postgres} starts (Debian's
 * postgresql, role guide_test). Where no server answers, {@link #available()} is false and the tests
 * that need it are skipped with {@link #WHY_SKIPPED}; {@code .ci/run} always starts one.
 */
public final class TestPostgres {

    public static final String SERVER = System.getProperty("guide.test.postgres", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = "guide_test";
    public static final String PASSWORD = "guide_test";
    public static final String WHY_SKIPPED = "No PostgreSQL server at " + SERVER + " for role " + USER
            + ": run .ci/postgres (as .ci/run does) to start Debian's PostgreSQL and create the role.";

    private final String name = "guide_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final boolean available;

    public TestPostgres() {
        boolean created;
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             Statement sql = admin.createStatement()) {
            sql.execute("create database " + name);
            created = true;
        } catch (SQLException e) {
            created = false;
        }
        available = created;
    }

    public boolean available() {
        return available;
    }

    public String url() {
        return SERVER + name;
    }

    /** Drops the database (after the application contexts using it have closed their connections). */
    public void drop() {
        if (!available) {
            return;
        }
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            // left behind: harmless, the name is random
        }
    }
}
