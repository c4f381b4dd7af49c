package dev.clockwork.store.jpa;

/** The reconciliation of declared tasks on embedded H2, in an in-memory database of its own. */
class H2DeclarationContractTest extends DeclarationContractTest {

    @Override
    StoreFixture createFixture() {
        return ContractDatabases.h2("declarations");
    }
}
