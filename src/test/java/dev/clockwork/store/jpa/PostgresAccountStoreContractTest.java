package dev.clockwork.store.jpa;

/** The user and audit stores' contract on PostgreSQL, in a schema of its own. */
class PostgresAccountStoreContractTest extends AccountStoreContractTest {

    @Override
    StoreFixture createFixture() {
        return ContractDatabases.postgres("cw_accounts_contract");
    }
}
