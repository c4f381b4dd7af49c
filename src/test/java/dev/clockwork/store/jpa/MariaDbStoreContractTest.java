package dev.clockwork.store.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The store contract on the machine's MariaDB (127.0.0.1:3306, root), in a database of its own, with a session zone
 * five hours behind UTC, with the batch rewriting that the server configurations turn on.
 */
class MariaDbStoreContractTest extends StoreContractTest {

    static final String SERVER = System.getProperty("clockwork.test.mysql.url", "jdbc:mysql://127.0.0.1:3306/");
    static final String USER = System.getProperty("clockwork.test.mysql.user", "root");
    static final String PASSWORD = System.getProperty("clockwork.test.mysql.password", "");

    @Override
    StoreFixture createFixture() {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, PASSWORD)) {
            connection.createStatement().execute("CREATE DATABASE IF NOT EXISTS cw_contract");
        } catch (SQLException e) {
            throw new IllegalStateException("The MariaDB server at " + SERVER + " is not reachable: " + e.getMessage()
                    + ". Start it (on Debian: start-stop-daemon --start --background --exec /usr/sbin/mariadbd; .ci/run"
                    + " does) or run the unit tests without it (-Dtest='!*StoreContractTest').", e);
        }
        return new StoreFixture(Dialect.MYSQL, SERVER + "cw_contract?connectionTimeZone=-05:00"
                + "&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true", USER, PASSWORD);
    }
}
