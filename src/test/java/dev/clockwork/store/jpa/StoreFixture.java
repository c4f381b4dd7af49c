package dev.clockwork.store.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.flywaydb.core.Flyway;

/**
 * The real persistence unit, run outside a server: resource-local transactions on a JDBC URL, the schema from the
 * real migrations.
 */
public final class StoreFixture implements AutoCloseable {

    private final EntityManagerFactory factory;
    private final ExecutionIds executionIds = new ExecutionIds();
    final Dialect dialect;
    private final String url;
    private final String user;
    private final String password;

    public StoreFixture(Dialect dialect, String url, String user, String password) {
        this.dialect = dialect;
        this.url = url;
        this.user = user;
        this.password = password;
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration/" + dialect.folder())
                .table("cw_schema_history").cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration/" + dialect.folder())
                .table("cw_schema_history").load().migrate();
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("jakarta.persistence.jtaDataSource", "");
        properties.put("jakarta.persistence.nonJtaDataSource", "");
        properties.put("jakarta.persistence.jdbc.url", url);
        properties.put("jakarta.persistence.jdbc.user", user);
        properties.put("jakarta.persistence.jdbc.password", password);
        properties.put("eclipselink.logging.level", "WARNING");
        this.factory = Persistence.createEntityManagerFactory("clockwork", properties);
        executionIds.table = new IdBlockTable() {
            @Override
            public long take(String name, int size) {
                try (Connection connection = connect()) {
                    connection.setAutoCommit(false);
                    long last = take(connection, name, size);
                    connection.commit();
                    return last;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /** Runs {@code work} in one transaction with fresh stores on one entity manager; commits unless it throws. */
    public <T> T inTransaction(Function<Stores, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(stores(em));
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** Stores on an entity manager whose transaction the caller controls. */
    Stores stores(EntityManager em) {
        JpaTaskStore tasks = new JpaTaskStore();
        tasks.em = em;
        tasks.executionIds = executionIds;
        tasks.dialect = dialect;
        JpaClusterStore cluster = new JpaClusterStore();
        cluster.em = em;
        cluster.dialect = dialect;
        JpaUserStore users = new JpaUserStore();
        users.em = em;
        JpaAuditStore audit = new JpaAuditStore();
        audit.em = em;
        return new Stores(tasks, cluster, users, audit, em);
    }

    /** A plain JDBC connection to the fixture's database, as the server's data source gives one. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    EntityManager newEntityManager() {
        return factory.createEntityManager();
    }

    @Override
    public void close() {
        factory.close();
    }

    /** The stores of one entity manager. */
    public record Stores(JpaTaskStore tasks, JpaClusterStore cluster, JpaUserStore users, JpaAuditStore audit,
                         EntityManager em) {
    }
}
