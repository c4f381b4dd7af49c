package dev.clockwork.store.jpa;

/** The store contract on embedded H2 with a New York session zone. */
class H2StoreContractTest extends StoreContractTest {

    @Override
    StoreFixture createFixture() {
        return new StoreFixture(Dialect.H2,
                "jdbc:h2:mem:contract;DB_CLOSE_DELAY=-1;TIME ZONE=America/New_York", "sa", "sa");
    }
}
