package dev.clockwork.store.jpa;

/** The user and audit stores' contract on MariaDB, in a database of its own. */
class MariaDbAccountStoreContractTest extends AccountStoreContractTest {

    @Override
    StoreFixture createFixture() {
        return ContractDatabases.mariaDb("cw_accounts_contract");
    }
}
