package dev.clockwork.store.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The store contract on the machine's PostgreSQL (127.0.0.1:5432, database test), in a schema of its own, with a
 * Tokyo session zone.
 */
class PostgresStoreContractTest extends StoreContractTest {

    static final String URL = System.getProperty("clockwork.test.postgresql.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("clockwork.test.postgresql.user", "postgres");
    static final String PASSWORD = System.getProperty("clockwork.test.postgresql.password", "");

    @Override
    StoreFixture createFixture() {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
            connection.createStatement().execute("CREATE SCHEMA IF NOT EXISTS cw_contract");
        } catch (SQLException e) {
            throw new IllegalStateException("The PostgreSQL server at " + URL + " is not reachable: " + e.getMessage()
                    + ". Start it (on Debian: pg_ctlcluster <version> main start; .ci/run does) or run the unit tests"
                    + " without it (-Dtest='!*StoreContractTest').", e);
        }
        return new StoreFixture(Dialect.POSTGRESQL,
                URL + "?currentSchema=cw_contract&options=-c%20TimeZone%3DAsia/Tokyo", USER, PASSWORD);
    }
}
