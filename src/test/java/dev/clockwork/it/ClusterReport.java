package dev.clockwork.it;

import dev.clockwork.trigger.Trigger;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a cluster run did, read from the database alone: every fire time the triggers call for up to the cutoff,
 * against the successful executions recorded for it.
 */
final class ClusterReport {

    final String db;
    final int nodes;
    int tasks;
    int expectedFires;
    int executions;
    int duplicates;
    int missed;
    int unexpected;
    final List<Long> lateness = new ArrayList<>();
    double takeoverSeconds = -1;
    int takenOver;
    int falseTakeovers;
    long earliestClaimMs = Long.MIN_VALUE;
    final Map<String, Integer> executionsPerNode = new TreeMap<>();
    /**
     * Per node, for a failure to be read from the test's output alone: its process, its state, its executions of
     * any fire time by status, and when it first started one.
     */
    final Map<String, String> nodeActivity = new TreeMap<>();
    final List<String> problems = new ArrayList<>();

    private ClusterReport(String db, int nodes) {
        this.db = db;
        this.nodes = nodes;
    }

    /** Reads the run from the database: fires up to {@code cutoff}, takeover measured from {@code killedAt}. */
    static ClusterReport read(Connection connection, String db, int nodes, Instant cutoff, long killedPid,
                              Instant killedAt) throws SQLException {
        ClusterReport report = new ClusterReport(db, nodes);
        Map<Long, Set<Instant>> expected = report.expectedFires(connection, cutoff);
        report.compare(connection, expected, cutoff);
        report.takeover(connection, killedPid, killedAt);
        report.falseTakeovers(connection, killedPid);
        report.nodeActivity(connection);
        return report;
    }

    private Map<Long, Set<Instant>> expectedFires(Connection connection, Instant cutoff) throws SQLException {
        Map<Long, Set<Instant>> expected = new HashMap<>();
        try (ResultSet rows = connection.createStatement().executeQuery(
                "SELECT id, name, trigger_text, zone, anchor_at FROM cw_task")) {
            while (rows.next()) {
                Trigger trigger = Trigger.parse(rows.getString("trigger_text"), rows.getString("name"));
                Instant anchor = micros(rows.getLong("anchor_at"));
                Set<Instant> fires = new HashSet<>();
                for (Instant fire : trigger.nextFiresAfter(anchor, ZoneId.of(rows.getString("zone")), anchor, 10_000)) {
                    if (fire.isAfter(cutoff)) {
                        break;
                    }
                    fires.add(fire);
                }
                expected.put(rows.getLong("id"), fires);
                tasks++;
                expectedFires += fires.size();
            }
        }
        return expected;
    }

    private void compare(Connection connection, Map<Long, Set<Instant>> expected, Instant cutoff)
            throws SQLException {
        Map<Long, Map<Instant, Integer>> succeeded = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT task_id, fire_time, attempt, node,"
                + " started_at FROM cw_execution WHERE status = 'SUCCEEDED' AND kind <> 'MANUAL' AND fire_time <= ?")) {
            select.setLong(1, ChronoUnit.MICROS.between(Instant.EPOCH, cutoff));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    executions++;
                    Instant fire = micros(rows.getLong("fire_time"));
                    succeeded.computeIfAbsent(rows.getLong("task_id"), k -> new HashMap<>()).merge(fire, 1, Integer::sum);
                    executionsPerNode.merge(rows.getString("node"), 1, Integer::sum);
                    if (rows.getInt("attempt") == 1) {
                        lateness.add((rows.getLong("started_at") - rows.getLong("fire_time")) / 1000);
                    }
                }
            }
        }
        for (Map.Entry<Long, Set<Instant>> task : expected.entrySet()) {
            Map<Instant, Integer> done = succeeded.getOrDefault(task.getKey(), Map.of());
            for (Instant fire : task.getValue()) {
                int count = done.getOrDefault(fire, 0);
                if (count == 0) {
                    missed++;
                    problem("missed: task " + task.getKey() + " fire " + fire);
                } else if (count > 1) {
                    duplicates += count - 1;
                    problem("duplicate: task " + task.getKey() + " fire " + fire + " ran " + count + " times");
                }
            }
            for (Instant fire : done.keySet()) {
                if (!task.getValue().contains(fire)) {
                    unexpected++;
                    problem("unexpected: task " + task.getKey() + " fire " + fire);
                }
            }
        }
        Collections.sort(lateness);
    }

    /** Seconds from the kill to the last takeover of the killed node's unfinished executions. */
    private void takeover(Connection connection, long killedPid, Instant killedAt) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(retry.claimed_at), COUNT(*)"
                + " FROM cw_execution lost JOIN cw_node n ON n.id = lost.node"
                + " JOIN cw_execution retry ON retry.task_id = lost.task_id AND retry.fire_time = lost.fire_time"
                + " AND retry.attempt = lost.attempt + 1"
                + " WHERE lost.status = 'NODE_LOST' AND n.pid = ?")) {
            select.setLong(1, killedPid);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                takenOver = row.getInt(2);
                if (takenOver > 0) {
                    takeoverSeconds = Duration.between(killedAt, micros(row.getLong(1))).toMillis() / 1000.0;
                }
            }
        }
    }

    /** Executions ended NODE_LOST on any node but the killed one: a live node was wrongly declared dead. */
    private void falseTakeovers(Connection connection, long killedPid) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM cw_execution e"
                + " JOIN cw_node n ON n.id = e.node WHERE e.status = 'NODE_LOST' AND n.pid <> ?")) {
            select.setLong(1, killedPid);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                falseTakeovers = row.getInt(1);
            }
        }
    }

    private void nodeActivity(Connection connection) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT n.id, n.pid, n.state, e.status,"
                + " COUNT(e.id), MIN(e.started_at) FROM cw_node n LEFT JOIN cw_execution e ON e.node = n.id"
                + " GROUP BY n.id, n.pid, n.state, e.status ORDER BY n.id, e.status")) {
            Map<String, Long> firstStarts = new HashMap<>();
            while (rows.next()) {
                String node = rows.getString(1);
                String status = rows.getString(4);
                String counted = status == null ? "no executions" : status + " " + rows.getInt(5);
                nodeActivity.merge(node, "pid " + rows.getLong(2) + ", " + rows.getString(3) + ", " + counted,
                        (before, added) -> before + ", " + counted);
                long firstStart = rows.getLong(6);
                if (!rows.wasNull()) {
                    firstStarts.merge(node, firstStart, Math::min);
                }
            }
            firstStarts.forEach((node, first) -> nodeActivity.computeIfPresent(node,
                    (key, text) -> text + ", first started one at " + micros(first)));
        }
    }

    /**
     * How far ahead of the real time, in ms, the latest claimed fire time stood when sampled; positive means a node
     * claimed a fire before it was due. The test samples it while the cluster runs, with the test's own clock.
     */
    static long claimedAheadMs(Connection connection, Instant now) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery(
                "SELECT MAX(fire_time) FROM cw_execution WHERE kind = 'SCHEDULED'")) {
            row.next();
            long max = row.getLong(1);
            return row.wasNull() ? Long.MIN_VALUE : (max - ChronoUnit.MICROS.between(Instant.EPOCH, now)) / 1000;
        }
    }

    private void problem(String text) {
        if (problems.size() < 20) {
            problems.add(text);
        }
    }

    long percentile(double p) {
        if (lateness.isEmpty()) {
            return -1;
        }
        return lateness.get((int) Math.min(lateness.size() - 1, Math.floor(p * lateness.size())));
    }

    JsonObject json() {
        JsonObjectBuilder perNode = Json.createObjectBuilder();
        executionsPerNode.forEach(perNode::add);
        JsonObjectBuilder activity = Json.createObjectBuilder();
        nodeActivity.forEach(activity::add);
        return Json.createObjectBuilder()
                .add("db", db).add("nodes", nodes).add("tasks", tasks).add("expectedFires", expectedFires)
                .add("executions", executions).add("duplicates", duplicates).add("missed", missed)
                .add("unexpected", unexpected)
                .add("latenessP50Ms", percentile(0.50)).add("latenessP99Ms", percentile(0.99))
                .add("latenessMaxMs", lateness.isEmpty() ? -1 : lateness.get(lateness.size() - 1))
                .add("takeoverSeconds", takeoverSeconds).add("takenOverExecutions", takenOver)
                .add("falseTakeovers", falseTakeovers).add("earliestClaimAheadMs", earliestClaimMs)
                .add("executionsPerNode", perNode).add("nodeActivity", activity)
                .add("problems", Json.createArrayBuilder(problems))
                .build();
    }

    @Override
    public String toString() {
        return json().toString();
    }

    void write(Path file) throws IOException {
        JsonWriterFactory writers = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        try (Writer out = Files.newBufferedWriter(file)) {
            writers.createWriter(out).write(json());
        }
    }

    private static Instant micros(long value) {
        return Instant.EPOCH.plus(value, ChronoUnit.MICROS);
    }
}
