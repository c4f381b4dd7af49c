package dev.clockwork.store.jpa;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The store contract on MariaDB ({@link TestMariaDb}: the machine's server, else an embedded one, else reported
 * skipped), in a database of its own, with a session zone five hours behind UTC, with the batch rewriting that the
 * server configurations turn on.
 */
class MariaDbStoreContractTest extends StoreContractTest {

    @Override
    StoreFixture createFixture() {
        TestServer server = TestMariaDb.server();
        try (Connection connection = server.connect()) {
            connection.createStatement().execute("CREATE DATABASE IF NOT EXISTS cw_contract");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database on " + server.description() + ": "
                    + e.getMessage(), e);
        }
        return new StoreFixture(Dialect.MYSQL, server.url() + "cw_contract?connectionTimeZone=-05:00"
                + "&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true", server.user(),
                server.password());
    }
}
