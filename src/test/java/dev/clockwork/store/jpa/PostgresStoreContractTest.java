package dev.clockwork.store.jpa;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The store contract on PostgreSQL ({@link TestPostgres}: the machine's server, else an embedded one), in a schema
 * of its own, with a Tokyo session zone.
 */
class PostgresStoreContractTest extends StoreContractTest {

    @Override
    StoreFixture createFixture() {
        TestServer server = TestPostgres.server();
        try (Connection connection = server.connect()) {
            connection.createStatement().execute("CREATE SCHEMA IF NOT EXISTS cw_contract");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the schema on " + server.description() + ": "
                    + e.getMessage(), e);
        }
        return new StoreFixture(Dialect.POSTGRESQL,
                server.url() + "?currentSchema=cw_contract&options=-c%20TimeZone%3DAsia/Tokyo", server.user(),
                server.password());
    }
}
