package dev.clockwork.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A database for a cluster test on the machine's servers: a database (MariaDB) or schema (PostgreSQL) of its own,
 * emptied before the test.
 *
 * <p>The nodes log in as a user with a password, as in production: Payara's connection pool refuses a user without
 * one ("No password credential found"), and the machine's MariaDB root has none.
 *
 * @param adminUrl where the test connects to create and read it
 * @param nodeUrl what the nodes get as {@code CLOCKWORK_DB_URL}
 * @param user the test's own login
 * @param nodeUser the nodes' login ({@code CLOCKWORK_DB_USER}, {@code CLOCKWORK_DB_PASSWORD})
 */
record ClusterDatabase(String name, String adminUrl, String nodeUrl, String user, String password, String nodeUser,
                       String nodePassword, String postboot, String resetSql, String readUrl) {

    /** How recently a slow (1.2 s) execution started for a kill now to catch it running. */
    private static final Duration JUST_STARTED = Duration.ofMillis(300);

    static ClusterDatabase mariadb() {
        return new ClusterDatabase("mariadb", "jdbc:mysql://127.0.0.1:3306/", "jdbc:mysql://127.0.0.1:3306/cw_cluster",
                "root", "", "clockwork", "clockwork-it", "mysql.asadmin",
                "DROP DATABASE IF EXISTS cw_cluster; CREATE DATABASE cw_cluster;"
                        + " CREATE USER IF NOT EXISTS 'clockwork'@'127.0.0.1' IDENTIFIED BY 'clockwork-it';"
                        + " GRANT ALL ON cw_cluster.* TO 'clockwork'@'127.0.0.1'", "");
    }

    static ClusterDatabase postgresql() {
        return postgresql("cw_cluster");
    }

    /** A schema {@code schema} of the machine's PostgreSQL database {@code test}. */
    static ClusterDatabase postgresql(String schema) {
        return new ClusterDatabase("postgresql", "jdbc:postgresql://127.0.0.1:5432/test",
                "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema, "postgres", "", "postgres",
                "trusted-anyway", "postgresql.asadmin",
                "DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema, "");
    }

    /**
     * The schema {@code cw_cluster} of a primary of the test's own, read by the nodes from its hot standby too
     * ({@code postboot}: the primary's and the replica's asadmin commands).
     */
    static ClusterDatabase postgresqlWithReplica(PostgresStandby databases, Path postboot) {
        return new ClusterDatabase("postgresql-replica", databases.primaryUrl(),
                databases.primaryUrl() + "?currentSchema=cw_cluster", "postgres", "", "postgres", "trusted-anyway",
                postboot.toAbsolutePath().toString(), "DROP SCHEMA IF EXISTS cw_cluster CASCADE; CREATE SCHEMA"
                + " cw_cluster", databases.standbyUrl() + "?currentSchema=cw_cluster");
    }

    /** Drops the database or schema and creates it empty. */
    void reset() throws SQLException {
        execute(resetSql.split(";"));
    }

    /** Drops the database or schema (the first statement of the reset). */
    void drop() throws SQLException {
        execute(resetSql.split(";")[0]);
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password)) {
            for (String statement : statements) {
                connection.createStatement().execute(statement.strip());
            }
        }
    }

    /** A connection to the cluster's tables. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(nodeUrl, user, password);
    }

    /**
     * Waits until the node of process {@code pid} has just started a {@code sleep} execution, so that killing it at
     * once loses work: a no-op is RUNNING for milliseconds and may be done before the kill lands.
     */
    void awaitRunning(long pid) {
        Poll.until(Duration.ofSeconds(30), () -> countForNode(pid, "e.status = 'RUNNING' AND t.action = 'sleep'"
                + " AND e.started_at >= ?", ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().minus(JUST_STARTED))),
                running -> running > 0,
                "node " + pid + " to have just started a slow execution");
    }

    /**
     * Waits until a run that timed out on the node of process {@code pid} has its retry waiting, due at least
     * {@code later} from now: killed before then, the node leaves that retry to the others. The nodes race for every
     * fire, so a kill at a fixed time may find none.
     */
    void awaitRetryDueLater(long pid, Duration later) {
        Poll.until(Duration.ofSeconds(60), () -> countForNode(pid, "e.attempt = 1 AND e.status = 'TIMED_OUT'"
                + " AND EXISTS (SELECT 1 FROM cw_execution r WHERE r.task_id = e.task_id AND r.fire_time = e.fire_time"
                + " AND r.attempt = 2 AND r.status = 'WAITING' AND r.due_at > ?)",
                ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().plus(later))), waiting -> waiting > 0,
                "a retry of a run that timed out on node " + pid + ", due after the kill");
    }

    /** Waits until the node of process {@code pid} has run a fire to success: it has joined the cluster's work. */
    void awaitSucceeded(long pid) {
        Poll.until(Duration.ofSeconds(60), () -> countForNode(pid, "e.status = 'SUCCEEDED'"), done -> done > 0,
                "node " + pid + " to have run a fire");
    }

    /** Executions of the node of process {@code pid} that meet {@code condition}, whose {@code ?} take {@code values}. */
    private int countForNode(long pid, String condition, long... values) {
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM cw_execution e"
                     + " JOIN cw_node n ON n.id = e.node JOIN cw_task t ON t.id = e.task_id"
                     + " WHERE n.pid = ? AND " + condition)) {
            select.setLong(1, pid);
            for (int i = 0; i < values.length; i++) {
                select.setLong(i + 2, values[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("Cannot read the cluster's database: " + e.getMessage(), e);
        }
    }

    /** One execution of the drain check's tasks; {@code pid} is its node's process, times are epoch microseconds. */
    record Run(String task, int attempt, String status, Long pid, Long startedAt, Long finishedAt, String error) {
    }

    /** The executions of the tasks whose names start with {@code prefix}, by task and attempt. */
    List<Run> runs(String prefix) {
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement("SELECT e.task_name, e.attempt, e.status, n.pid,"
                     + " e.started_at, e.finished_at, e.error FROM cw_execution e LEFT JOIN cw_node n ON n.id = e.node"
                     + " WHERE e.task_name LIKE ? ORDER BY e.task_name, e.attempt")) {
            select.setString(1, prefix + "%");
            List<Run> runs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(new Run(rows.getString(1), rows.getInt(2), rows.getString(3), rows.getObject(4, Long.class),
                            rows.getObject(5, Long.class), rows.getObject(6, Long.class), rows.getString(7)));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new AssertionError("Cannot read the cluster's database: " + e.getMessage(), e);
        }
    }

    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("CLOCKWORK_DB_URL", nodeUrl);
        environment.put("CLOCKWORK_DB_USER", nodeUser);
        environment.put("CLOCKWORK_DB_PASSWORD", nodePassword);
        if (!readUrl.isEmpty()) {
            // The run command's defaults for the replica's login, which the test's own post-boot file does not apply.
            environment.put("CLOCKWORK_READ_DB_URL", readUrl);
            environment.put("CLOCKWORK_READ_DB_USER", nodeUser);
            environment.put("CLOCKWORK_READ_DB_PASSWORD", nodePassword);
        }
        return environment;
    }

    /** The post-boot commands: a file of server-config/payara/, or one at an absolute path. */
    Path postbootFile() {
        return Path.of(System.getProperty("clockwork.server-config")).resolve(postboot);
    }
}
