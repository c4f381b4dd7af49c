package dev.clockwork.store.jpa;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The databases the store contract tests run on, each in a database or schema of its own (named by the test class,
 * so two contract classes never clean each other's tables), with a session zone that is not UTC.
 */
final class ContractDatabases {

    private ContractDatabases() {
    }

    /** Embedded H2 with a New York session zone. */
    static StoreFixture h2(String name) {
        return new StoreFixture(Dialect.H2, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;TIME ZONE=America/New_York",
                "sa", "sa");
    }

    /**
     * MariaDB ({@link TestMariaDb}), with a session zone five hours behind UTC and the batch rewriting that the
     * server configurations turn on.
     */
    static StoreFixture mariaDb(String database) {
        TestServer server = TestMariaDb.server();
        prepare(server, "CREATE DATABASE IF NOT EXISTS " + database);
        return new StoreFixture(Dialect.MYSQL, server.url() + database + "?connectionTimeZone=-05:00"
                + "&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true", server.user(),
                server.password());
    }

    /** PostgreSQL ({@link TestPostgres}) with a Tokyo session zone. */
    static StoreFixture postgres(String schema) {
        TestServer server = TestPostgres.server();
        prepare(server, "CREATE SCHEMA IF NOT EXISTS " + schema);
        return new StoreFixture(Dialect.POSTGRESQL,
                server.url() + "?currentSchema=" + schema + "&options=-c%20TimeZone%3DAsia/Tokyo", server.user(),
                server.password());
    }

    private static void prepare(TestServer server, String statement) {
        try (Connection connection = server.connect()) {
            connection.createStatement().execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare " + server.description() + " (" + statement + "): "
                    + e.getMessage(), e);
        }
    }
}
