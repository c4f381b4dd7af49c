package dev.clockwork.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
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

    @Resource(lookup = "jdbc/clockwork")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        String folder = folderFor(dataSource);
        MigrateResult result = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + folder)
                .table("cw_schema_history")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        LOG.info(() -> "Clockwork schema on " + folder + " is at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    private static String folderFor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Dialect.of(connection.getMetaData().getDatabaseProductName()).folder();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database behind jdbc/clockwork: " + e.getMessage()
                    + ". Check the data source's URL, user and password.", e);
        }
    }
}
