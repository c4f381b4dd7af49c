package dev.clockwork.store.jpa;

/** The user and audit stores' contract on embedded H2, in an in-memory database of its own. */
class H2AccountStoreContractTest extends AccountStoreContractTest {

    @Override
    StoreFixture createFixture() {
        return ContractDatabases.h2("accounts");
    }
}
