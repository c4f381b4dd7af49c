package dev.clockwork.store.jpa;

/**
 * The store contract on MariaDB ({@link TestMariaDb}: the machine's server, else an embedded one, else reported
 * skipped), in a database of its own, with a session zone five hours behind UTC, with the batch rewriting that the
 * server configurations turn on.
 */
class MariaDbStoreContractTest extends StoreContractTest {

    @Override
    StoreFixture createFixture() {
        return ContractDatabases.mariaDb("cw_contract");
    }
}
