package dev.clockwork.store.jpa;

/**
 * The store contract on PostgreSQL ({@link TestPostgres}: the machine's server, else an embedded one), in a schema
 * of its own, with a Tokyo session zone.
 */
class PostgresStoreContractTest extends StoreContractTest {

    @Override
    StoreFixture createFixture() {
        return ContractDatabases.postgres("cw_contract");
    }
}
