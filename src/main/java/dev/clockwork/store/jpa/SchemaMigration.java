package dev.clockwork.store.jpa;

import dev.clockwork.store.SchemaHistory;
import dev.clockwork.store.SchemaVersion;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date at startup with the versioned migrations in {@code schema/<database>/},
 * before anything else touches the tables. Flyway's own lock makes concurrent starts of several nodes safe.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
// Both views: the no-interface one for @DependsOn and the EJB container, and SchemaHistory, which a class that
// also names a no-interface view only exposes when it is declared local.
@LocalBean
@Local(SchemaHistory.class)
public class SchemaMigration implements SchemaHistory {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Inject
    Database database;

    private Flyway flyway;

    @PostConstruct
    void migrate() {
        String folder = database.dialect().folder();
        LOG.info(() -> "Clockwork's database: " + database.product() + " through " + database.dataSourceName());
        flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations("classpath:db/migration/" + folder)
                .table("cw_schema_history")
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "Clockwork schema on " + folder + " is at version " + version + " ("
                + result.migrationsExecuted + " migrations applied now)");
    }

    @Override
    @Lock(LockType.READ)
    public SchemaVersion version() {
        MigrationInfoService info = flyway.info();
        String expected = Arrays.stream(info.all()).filter(m -> m.getVersion() != null && m.getState().isResolved())
                .map(MigrationInfo::getVersion).max(Comparable::compareTo).map(Object::toString).orElse("none");
        Optional<String> current = Optional.ofNullable(info.current()).map(m -> m.getVersion().toString());
        return new SchemaVersion(expected, current, info.pending().length);
    }
}
