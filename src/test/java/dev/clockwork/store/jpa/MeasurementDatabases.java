package dev.clockwork.store.jpa;

/** The contract tests' PostgreSQL and MariaDB, for measurements outside this package. */
public final class MeasurementDatabases {

    private MeasurementDatabases() {
    }

    public static StoreFixture postgres(String schema) {
        return ContractDatabases.postgres(schema);
    }

    public static StoreFixture mariaDb(String database) {
        return ContractDatabases.mariaDb(database);
    }
}
