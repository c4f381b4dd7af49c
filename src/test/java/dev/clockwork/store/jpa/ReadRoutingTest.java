package dev.clockwork.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.TaskState;
import dev.clockwork.store.ReadReplica.ReadPermit;
import dev.clockwork.store.ReadReplica.ReadSource;
import dev.clockwork.store.TaskRow;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ServerSession;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real persistence unit with EclipseLink's connections set up as {@link ServerDataSourceCustomizer} sets them up
 * in a server (externally pooled data sources, the read connections routed), on two H2 databases standing for the
 * primary and its replica: which reads go where.
 */
class ReadRoutingTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final AtomicBoolean IN_TRANSACTION = new AtomicBoolean();
    private static final AtomicReference<DataSource> REPLICA = new AtomicReference<>();
    private static DataSource primary;
    private static DataSource replica;
    private static EntityManagerFactory factory;

    /** What {@link ServerDataSourceCustomizer} does with the server's data sources, here with two H2 databases. */
    public static class TwoDatabases implements SessionCustomizer {
        @Override
        public void customize(Session session) {
            session.getLogin().setConnector(new JNDIConnector(primary));
            session.getLogin().setUsesExternalConnectionPooling(true);
            DataSource switchable = switchable();
            ServerDataSourceCustomizer.useForReads((ServerSession) session,
                    new ReadRoutingDataSource(primary, switchable, IN_TRANSACTION::get));
        }
    }

    @BeforeAll
    static void databases() {
        primary = h2("read-routing-primary");
        replica = h2("read-routing-replica");
        REPLICA.set(replica);
        factory = Persistence.createEntityManagerFactory("clockwork", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.nonJtaDataSource", "",
                "eclipselink.logging.level", "WARNING",
                "eclipselink.session.customizer", TwoDatabases.class.getName()));
        insert("on-both", T0.plusSeconds(120));
        copy("on-both");
        insert("on-primary-only", T0.plusSeconds(60));
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @AfterEach
    void endReads() {
        ReadRouting.end();
        IN_TRANSACTION.set(false);
        REPLICA.set(replica);
    }

    @Test
    void read_should_go_to_the_primary_when_the_thread_began_no_reads() {
        assertThat(find("on-primary-only")).isPresent();
    }

    @Test
    void read_should_go_to_the_replica_when_the_permit_allows_and_no_transaction_is_open() {
        ReadRouting.begin(permit(true, new ArrayList<>()));
        assertThat(find("on-primary-only")).isEmpty();
        assertThat(find("on-both")).isPresent();
        assertThat(ReadRouting.end()).isEqualTo(ReadSource.REPLICA);
    }

    @Test
    void read_should_go_to_the_primary_when_the_permit_refuses() {
        ReadRouting.begin(permit(false, new ArrayList<>()));
        assertThat(find("on-primary-only")).isPresent();
        assertThat(ReadRouting.end()).isEqualTo(ReadSource.PRIMARY);
    }

    @Test
    void read_should_go_to_the_primary_inside_a_transaction_whatever_the_permit() {
        ReadRouting.begin(permit(true, new ArrayList<>()));
        IN_TRANSACTION.set(true);
        assertThat(find("on-primary-only")).isPresent();
        assertThat(ReadRouting.end()).isEqualTo(ReadSource.PRIMARY);
    }

    @Test
    void write_should_reach_the_primary_only_when_the_thread_may_read_the_replica() throws SQLException {
        ReadRouting.begin(permit(true, new ArrayList<>()));
        insert("written-while-reading-the-replica", T0.plusSeconds(300));
        assertThat(count(primary, "written-while-reading-the-replica")).isOne();
        assertThat(count(replica, "written-while-reading-the-replica")).isZero();
    }

    @Test
    void read_should_fall_back_to_the_primary_and_tell_the_permit_when_the_replica_refuses() {
        List<String> failures = new ArrayList<>();
        REPLICA.set(h2Refusing());
        ReadRouting.begin(permit(true, failures));
        assertThat(find("on-primary-only")).isPresent();
        assertThat(ReadRouting.end()).isEqualTo(ReadSource.PRIMARY);
        assertThat(failures).singleElement().asString().contains("refused for the test");
    }

    @Test
    void earliest_next_fire_should_be_read_outside_a_transaction_from_the_replica_when_allowed() {
        assertThat(earliestNextFire()).as("the primary's, with a task due on the primary only")
                .contains(T0.plusSeconds(60));
        ReadRouting.begin(permit(true, new ArrayList<>()));
        assertThat(earliestNextFire()).as("the replica's").contains(T0.plusSeconds(120));
        assertThat(ReadRouting.end()).isEqualTo(ReadSource.REPLICA);
    }

    @Test
    void end_should_say_none_when_nothing_was_read_and_be_harmless_when_nothing_began() {
        ReadRouting.begin(permit(true, new ArrayList<>()));
        assertThat(ReadRouting.end()).isEqualTo(ReadSource.NONE);
        assertThat(ReadRouting.end()).isEqualTo(ReadSource.NONE);
    }

    @Test
    void heartbeat_seen_should_read_the_node_row_of_the_replica() throws SQLException {
        try (Connection connection = replica.getConnection()) {
            connection.createStatement().execute("INSERT INTO cw_node (id, host, pid, version, state, started_at,"
                    + " heartbeat_at) VALUES ('n1', 'h', 1, 'v', 'LIVE', 0, 1764842400000000)");
        }
        assertThat(JpaReadReplica.heartbeatSeen(replica, "n1", Duration.ofSeconds(2)))
                .contains(Instant.parse("2025-12-04T10:00:00Z"));
        assertThat(JpaReadReplica.heartbeatSeen(replica, "n2", Duration.ofSeconds(2))).isEmpty();
    }

    private static Optional<TaskRow> find(String name) {
        EntityManager em = factory.createEntityManager();
        try {
            JpaTaskStore tasks = new JpaTaskStore();
            tasks.em = em;
            tasks.dialect = Dialect.H2;
            return tasks.findByName(name);
        } finally {
            em.close();
        }
    }

    private static Optional<Instant> earliestNextFire() {
        EntityManager em = factory.createEntityManager();
        try {
            JpaTaskStore tasks = new JpaTaskStore();
            tasks.em = em;
            tasks.dialect = Dialect.H2;
            return tasks.earliestNextFire();
        } finally {
            em.close();
        }
    }

    private static void insert(String name, Instant nextFire) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            IN_TRANSACTION.set(true);
            JpaTaskStore tasks = new JpaTaskStore();
            tasks.em = em;
            tasks.dialect = Dialect.H2;
            tasks.insert(TaskRow.builder(name).trigger("every 1m").zone("UTC").action("noop")
                    .state(TaskState.ACTIVE).anchorAt(T0).nextFireAt(Optional.of(nextFire)).created(T0, "test")
                    .build()).orElseThrow();
            em.getTransaction().commit();
        } finally {
            IN_TRANSACTION.set(false);
            em.close();
        }
    }

    /** Copies a task row as replication would. */
    private static void copy(String name) {
        try (Connection from = primary.getConnection(); Connection to = replica.getConnection()) {
            ResultSet row = from.createStatement().executeQuery("SELECT * FROM cw_task WHERE name = '" + name + "'");
            row.next();
            int columns = row.getMetaData().getColumnCount();
            StringBuilder names = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
                names.append(i > 1 ? ", " : "").append(row.getMetaData().getColumnName(i));
                marks.append(i > 1 ? ", " : "").append('?');
            }
            var insert = to.prepareStatement("INSERT INTO cw_task (" + names + ") VALUES (" + marks + ")");
            for (int i = 1; i <= columns; i++) {
                insert.setObject(i, row.getObject(i));
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(DataSource dataSource, String name) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM cw_task WHERE name = '"
                    + name + "'");
            row.next();
            return row.getLong(1);
        }
    }

    private static ReadPermit permit(boolean allowed, List<String> failures) {
        return new ReadPermit() {
            @Override
            public boolean replicaAllowed() {
                return allowed;
            }

            @Override
            public void replicaFailed(String reason) {
                failures.add(reason);
            }
        };
    }

    private static DataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        dataSource.setPassword("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + Dialect.H2.folder())
                .table("cw_schema_history").load().migrate();
        return dataSource;
    }

    private static DataSource h2Refusing() {
        return dataSource(() -> {
            throw new SQLException("refused for the test");
        });
    }

    /** The replica the test currently stands up: the real one, or one that refuses connections. */
    private static DataSource switchable() {
        return dataSource(() -> REPLICA.get().getConnection());
    }

    private interface Connect {
        Connection connect() throws SQLException;
    }

    private static DataSource dataSource(Connect connect) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && method.getParameterCount() == 0) {
                        return connect.connect();
                    }
                    throw new UnsupportedOperationException(method.getName() + " is not used by the test");
                });
    }
}
