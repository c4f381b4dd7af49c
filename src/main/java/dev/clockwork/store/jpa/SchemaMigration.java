package dev.clockwork.store.jpa;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date at startup with the versioned migrations in {@code schema/<database>/},
 * before anything else touches the tables. Flyway's own lock makes concurrent starts of several nodes safe.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Inject
    Database database;

    @PostConstruct
    void migrate() {
        String folder = database.dialect().folder();
        LOG.info(() -> "Clockwork's database: " + database.product() + " through " + database.dataSourceName());
        MigrateResult result = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations("classpath:db/migration/" + folder)
                .table("cw_schema_history")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "Clockwork schema on " + folder + " is at version " + version + " ("
                + result.migrationsExecuted + " migrations applied now)");
    }
}
