package dev.clockwork.store.jpa;

/** The reconciliation of declared tasks on MariaDB, in a database of its own. */
class MariaDbDeclarationContractTest extends DeclarationContractTest {

    @Override
    StoreFixture createFixture() {
        return ContractDatabases.mariaDb("cw_declarations_contract");
    }
}
