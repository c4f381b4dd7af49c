package dev.clockwork.store.jpa;

import dev.clockwork.store.DataSourceName;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The database this node uses, chosen as the persistence unit chooses it ({@link DataSources}). */
@ApplicationScoped
public class Database implements DataSourceName {

    private DataSources.Found found;
    private Dialect dialect;
    private String product;

    @PostConstruct
    void connect() {
        found = DataSources.choose();
        try (Connection connection = found.dataSource().getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            dialect = Dialect.of(meta.getDatabaseProductName());
            product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database behind " + found.name() + ": " + e.getMessage()
                    + ". Check the data source's URL, user and password.", e);
        }
    }

    public DataSource dataSource() {
        return found.dataSource();
    }

    /** The JNDI name of the data source in use. */
    @Override
    public String dataSourceName() {
        return found.name();
    }

    /** Whether an administrator defined the data source; otherwise this node runs alone on the server's default. */
    public boolean serverDefined() {
        return found.serverDefined();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The database product and version, as its driver reports them. */
    public String product() {
        return product;
    }
}
