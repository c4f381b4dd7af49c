package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One Payara Micro node and one WildFly node on one PostgreSQL database, the same WAR on both: the database is all
 * they coordinate through. The WildFly node is killed and started again, then the Payara node is killed; each
 * takes over the other's running executions, and every fire up to the end runs exactly once.
 *
 * <p>Run it alone: {@code mvn verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=MixedClusterIT}.
 */
class MixedClusterIT {

    private static final String PASSWORD = "mixed-admin-password";
    private static final Duration FIRST_KILL_AT = Duration.ofSeconds(20);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(15);
    private static final Duration AFTER_SECOND_KILL = Duration.ofSeconds(25);
    private static final Duration TAKEOVER_LIMIT = ClusterIT.TAKEOVER_LIMIT;
    private static final String CATCH_UP = ClusterIT.CATCH_UP;

    @Test
    void payara_and_wildfly_should_fire_every_fire_once_and_take_over_from_each_other() throws Exception {
        Path war = Path.of(System.getProperty("clockwork.war"));
        ClusterDatabase db = ClusterDatabase.postgresql();
        db.reset();
        // One after the other, so that the resources block stops whichever started (ClusterIT starts nodes together).
        try (MicroProcess payara = MicroProcess.start(new MicroProcess.Options("mixed-payara", war, PASSWORD,
                     db.postbootFile(), db.environment(), List.of(CATCH_UP)));
             WildFlyProcess wildfly = WildFlyProcess.start("mixed", war, PASSWORD, "postgresql.jar", "postgresql.cli",
                     db.environment(), List.of(CATCH_UP))) {
            Api api = new Api(payara.base(), "admin", PASSWORD);
            createTasks(api);
            Instant start = Instant.now();

            Poll.pause(Duration.between(Instant.now(), start.plus(FIRST_KILL_AT)));
            long wildflyPid = wildfly.pid();
            db.awaitRunning(wildflyPid);
            wildfly.kill();
            Instant wildflyKilledAt = Instant.now();
            wildfly.restart();
            Poll.pause(AFTER_RESTART);
            long payaraPid = payara.pid();
            db.awaitRunning(payaraPid);
            payara.kill();
            Instant payaraKilledAt = Instant.now();
            Poll.pause(AFTER_SECOND_KILL);
            Instant cutoff = Instant.now().minusSeconds(2);

            ClusterReport report = Poll.until(Duration.ofSeconds(60),
                    () -> read(db, cutoff, wildflyPid, wildflyKilledAt),
                    r -> r.missed == 0 && r.duplicates == 0, "every fire up to the cutoff to have succeeded");
            ClusterReport payaraLoss = read(db, cutoff, payaraPid, payaraKilledAt);
            int falseTakeovers = lostOnOtherNodes(db, wildflyPid, payaraPid);
            // The report's takeover fields are the WildFly kill's; the Payara kill's are added beside them.
            JsonObjectBuilder json = Json.createObjectBuilder(report.json())
                    .remove("earliestClaimAheadMs")
                    .add("falseTakeovers", falseTakeovers)
                    .add("servers", "Payara Micro + WildFly")
                    .add("payaraKilledTakeoverSeconds", payaraLoss.takeoverSeconds)
                    .add("payaraKilledTakenOverExecutions", payaraLoss.takenOver);
            String written = json.build().toString();
            Files.writeString(Path.of("target", "cluster-report-mixed.json"), written);
            System.out.println("MIXED CLUSTER REPORT " + written);

            assertThat(report.duplicates).as("duplicates").isZero();
            assertThat(report.missed).as("missed").isZero();
            assertThat(report.unexpected).as("fires no trigger called for").isZero();
            assertThat(report.takenOver).as("executions the killed WildFly node was running").isPositive();
            assertThat(report.takeoverSeconds).isLessThanOrEqualTo(TAKEOVER_LIMIT.toSeconds());
            assertThat(payaraLoss.takenOver).as("executions the killed Payara node was running").isPositive();
            assertThat(payaraLoss.takeoverSeconds).isLessThanOrEqualTo(TAKEOVER_LIMIT.toSeconds());
            assertThat(falseTakeovers).as("live nodes' executions ended NODE_LOST")
                    .isZero();
            assertThat(report.executionsPerNode).as("work done by the first WildFly, Payara, the second WildFly")
                    .hasSize(3).allSatisfy((node, count) -> assertThat(count).isPositive());
            assertThat(wildfly.logLinesContaining(List.of(" ERROR "))).as("errors in WildFly's log").isEmpty();
            assertThat(payara.logLinesContaining(MicroProcess.CONTEXT_FAILURES)).as("Payara context failures")
                    .isEmpty();
        }
    }

    private static ClusterReport read(ClusterDatabase db, Instant cutoff, long victimPid, Instant killedAt) {
        try (Connection connection = db.connect()) {
            return ClusterReport.read(connection, "postgresql, Payara Micro + WildFly", 2, cutoff, victimPid,
                    killedAt);
        } catch (SQLException e) {
            throw new AssertionError("Cannot read the cluster's database: " + e.getMessage(), e);
        }
    }

    private static int lostOnOtherNodes(ClusterDatabase db, long... killed) throws SQLException {
        try (Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM cw_execution e"
                     + " JOIN cw_node n ON n.id = e.node WHERE e.status = 'NODE_LOST' AND n.pid NOT IN (?, ?)")) {
            select.setLong(1, killed[0]);
            select.setLong(2, killed[1]);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** 100 tasks: cron with seconds, every 1 s, every 3 s with a slow action, and one-off delays. */
    private static void createTasks(Api api) {
        for (int i = 0; i < 30; i++) {
            api.createTask("mixed.cron." + i, "cron */2 * * * * *", "noop", "null");
        }
        for (int i = 0; i < 20; i++) {
            api.createTask("mixed.every1." + i, "every 1s", "noop", "null");
        }
        for (int i = 0; i < 20; i++) {
            api.createTask("mixed.every3." + i, "every 3s", "sleep", "{\"ms\":1200}");
        }
        for (int i = 0; i < 30; i++) {
            api.createTask("mixed.in." + i, "in " + (5 + 2 * i) + "s", "noop", "null");
        }
    }

}
