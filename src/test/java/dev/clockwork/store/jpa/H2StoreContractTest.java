package dev.clockwork.store.jpa;

/** The store contract on embedded H2 with a New York session zone. */
class H2StoreContractTest extends StoreContractTest {

    @Override
    StoreFixture createFixture() {
        return ContractDatabases.h2("contract");
    }
}
