package dev.clockwork.store.jpa;

/** The reconciliation of declared tasks on PostgreSQL, in a schema of its own. */
class PostgresDeclarationContractTest extends DeclarationContractTest {

    @Override
    StoreFixture createFixture() {
        return ContractDatabases.postgres("cw_declarations_contract");
    }
}
