package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database outage: a node on a MariaDB of the test's own (a throw-away instance on a spare port) loses its database
 * for a minute. While it is gone the node reports itself unhealthy; when it is back the node reconnects by itself,
 * every task's fire that fell due during the outage runs once afterwards (a fire missed by more than the catch-up
 * window stands for all the missed ones), the schedules go on, and no execution is left unfinished or run twice. A
 * slow action is running when the database dies, so the node must keep its outcome and record it afterwards.
 */
class OutageIT {

    private static final String PASSWORD = "outage-admin-password";
    private static final String DATABASE = "cw_outage";
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final int TASKS = 10;

    @Test
    void node_should_reconnect_and_run_each_missed_fire_once_when_the_database_comes_back() throws Exception {
        Path war = Path.of(System.getProperty("clockwork.war"));
        try (ThrowawayMariaDb db = ThrowawayMariaDb.start(Path.of("target", "outage-mariadb").toAbsolutePath(),
                DATABASE);
             MicroProcess node = MicroProcess.start(new MicroProcess.Options("outage", war, PASSWORD, Path.of(System.getProperty(
                             "clockwork.server-config"), "mysql.asadmin"),
                     Map.of("CLOCKWORK_DB_URL", db.url(DATABASE), "CLOCKWORK_DB_USER", ThrowawayMariaDb.USER,
                             "CLOCKWORK_DB_PASSWORD", ThrowawayMariaDb.PASSWORD), List.of()))) {
            Api api = new Api(node.base(), "admin", PASSWORD);
            for (int i = 0; i < TASKS; i++) {
                create(api, "outage.every." + i, "every 1s");
                create(api, "outage.cron." + i, "cron */2 * * * * *");
                create(api, "outage.in." + i, "in 30s");
            }
            Api.Reply slow = api.post("tasks", "{\"name\":\"outage.slow\",\"trigger\":\"in 1s\","
                    + "\"action\":\"sleep\",\"args\":{\"ms\":20000}}");
            assertThat(slow.status()).as(slow.toString()).isEqualTo(201);
            Poll.until(Duration.ofSeconds(30), () -> succeeded(db, Instant.EPOCH), n -> n >= 4 * TASKS,
                    "the tasks to run before the outage");
            Poll.until(Duration.ofSeconds(30), () -> api.get("tasks/outage.slow/executions").body(),
                    body -> body.contains("\"RUNNING\""), "the slow action to be running when the database dies");

            db.kill();
            Instant down = Instant.now();
            Poll.until(Duration.ofSeconds(30), () -> api.get("health").status(), status -> status == 503,
                    "the node to report the database down");
            Poll.pause(Duration.between(Instant.now(), down.plus(OUTAGE)));
            db.startServer();
            Instant up = Instant.now();
            Poll.until(Duration.ofSeconds(60), () -> api.get("health").status(), status -> status == 200,
                    "the node to reconnect by itself");
            Poll.until(Duration.ofSeconds(30), () -> succeeded(db, up.plusSeconds(5)), n -> n >= 2 * TASKS,
                    "the schedules to go on after the outage");

            try (Connection connection = DriverManager.getConnection(db.url(DATABASE), "root", "")) {
                assertThat(count(connection, "SELECT COUNT(*) FROM (SELECT task_id, fire_time FROM cw_execution"
                        + " WHERE status = 'SUCCEEDED' GROUP BY task_id, fire_time HAVING COUNT(*) > 1) d"))
                        .as("fires that ran twice").isZero();
                assertThat(count(connection, "SELECT COUNT(*) FROM cw_execution WHERE status IN ('QUEUED', 'RUNNING')"
                        + " AND claimed_at < " + micros(Instant.now().minusSeconds(10))))
                        .as("executions left unfinished").isZero();
                assertThat(count(connection, "SELECT COUNT(*) FROM cw_execution e JOIN cw_task t ON t.id = e.task_id"
                        + " WHERE t.name = 'outage.slow' AND e.status = 'SUCCEEDED' AND e.attempt = 1"))
                        .as("the run the outage caught in the middle, recorded when the database came back")
                        .isEqualTo(1);
                assertThat(count(connection, "SELECT COUNT(*) FROM cw_execution e JOIN cw_task t ON t.id = e.task_id"
                        + " WHERE t.name LIKE 'outage.in.%' AND e.status = 'SUCCEEDED'"))
                        .as("one-off tasks due during the outage, run once afterwards").isEqualTo(TASKS);
                // Each repeating task's first fire after the kill falls due within 2 s of it and is claimed once the
                // database is back (nothing can be claimed while it is dead), standing for all the fires it missed.
                // Counted by claim time rather than against the kill instant, which a fire may straddle.
                Instant midOutage = down.plus(OUTAGE.dividedBy(2));
                assertThat(count(connection, "SELECT COUNT(*) FROM cw_execution e JOIN cw_task t ON t.id = e.task_id"
                        + " WHERE t.name NOT LIKE 'outage.in.%' AND e.status = 'SUCCEEDED' AND e.claimed_at > "
                        + micros(midOutage) + " AND e.fire_time < " + micros(midOutage)))
                        .as("missed fires of the repeating tasks, run once each").isEqualTo(2 * TASKS);
            }
            assertThat(node.logLinesContaining(MicroProcess.CONTEXT_FAILURES)).as("container context failures")
                    .isEmpty();
        }
    }

    private static void create(Api api, String name, String trigger) {
        // Overlap ALLOW: every fire must run, also those due while a run's end waits for the database.
        Api.Reply reply = api.post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"" + trigger
                + "\",\"action\":\"noop\",\"overlap\":\"ALLOW\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    /** Successful executions whose fire time is after {@code after}. */
    private static long succeeded(ThrowawayMariaDb db, Instant after) {
        try (Connection connection = DriverManager.getConnection(db.url(DATABASE), "root", "")) {
            return count(connection, "SELECT COUNT(*) FROM cw_execution WHERE status = 'SUCCEEDED' AND fire_time > "
                    + micros(after));
        } catch (SQLException e) {
            throw new AssertionError("Cannot read the throw-away database: " + e.getMessage(), e);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
