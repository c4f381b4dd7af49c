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
    /** Fires of the overlap FORBID tasks with no execution at all (neither run nor recorded SKIPPED). */
    int forbidMissed;
    /** Fires of the overlap FORBID tasks recorded SKIPPED: FORBID at work. */
    int forbidSkipped;
    /** Scheduled runs of an overlap FORBID task that started before the task's run before them had ended. */
    int forbidOverlaps;
    /** Fires of the retried tasks, due long enough before the cutoff, whose second attempt is missing. */
    int retriesMissing;
    /** Retries due after the kill whose first attempt timed out on the killed node, run by another node. */
    int retriesOfKilledNodeRunElsewhere;
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
        Map<Long, Set<Instant>> forbid = split(expected, report.taskIds(connection, FORBID));
        Map<Long, Set<Instant>> retried = split(expected, report.taskIds(connection, RETRIED));
        report.compare(connection, expected, cutoff);
        report.forbid(connection, forbid, cutoff, killedPid);
        report.retried(connection, retried, cutoff.minus(RETRY_SETTLE), killedPid, killedAt);
        report.takeover(connection, killedPid, killedAt);
        report.falseTakeovers(connection, killedPid);
        report.nodeActivity(connection);
        return report;
    }

    /** Name part of the tasks with overlap FORBID, whose runs last longer than their interval. */
    static final String FORBID = ".forbid.";
    /** Name part of the tasks whose runs time out and are retried once. */
    static final String RETRIED = ".retried.";
    /** How long before the cutoff a retried task's fire must be for its second attempt to have run by then. */
    static final Duration RETRY_SETTLE = Duration.ofSeconds(35);

    private Set<Long> taskIds(Connection connection, String namePart) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM cw_task WHERE name LIKE ?")) {
            select.setString(1, "%" + namePart + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Takes the tasks {@code ids} out of {@code expected}, with their fires. */
    private static Map<Long, Set<Instant>> split(Map<Long, Set<Instant>> expected, Set<Long> ids) {
        Map<Long, Set<Instant>> taken = new HashMap<>();
        ids.forEach(id -> {
            Set<Instant> fires = expected.remove(id);
            if (fires != null) {
                taken.put(id, fires);
            }
        });
        return taken;
    }

    /**
     * The FORBID tasks: each fire has exactly one first attempt, run or recorded SKIPPED, and no scheduled run of
     * a task started before the one before it ended (500 ms allowed for the nodes' clock corrections), the killed
     * node's runs apart.
     */
    private void forbid(Connection connection, Map<Long, Set<Instant>> expected, Instant cutoff, long killedPid)
            throws SQLException {
        Map<Long, Set<Instant>> recorded = new HashMap<>();
        Map<Long, List<long[]>> runs = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT e.task_id, e.fire_time, e.status,"
                + " e.kind, e.started_at, e.finished_at, n.pid FROM cw_execution e LEFT JOIN cw_node n ON n.id = e.node"
                + " WHERE e.attempt = 1 AND e.fire_time <= ?")) {
            select.setLong(1, ChronoUnit.MICROS.between(Instant.EPOCH, cutoff));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long task = rows.getLong(1);
                    if (!expected.containsKey(task)) {
                        continue;
                    }
                    recorded.computeIfAbsent(task, k -> new HashSet<>()).add(micros(rows.getLong(2)));
                    String status = rows.getString(3);
                    if (status.equals("SKIPPED")) {
                        forbidSkipped++;
                    } else if (status.equals("SUCCEEDED") && rows.getString(4).equals("SCHEDULED")
                            && rows.getLong(7) != killedPid) {
                        runs.computeIfAbsent(task, k -> new ArrayList<>()).add(new long[] {rows.getLong(5),
                                rows.getLong(6)});
                    }
                }
            }
        }
        expected.forEach((task, fires) -> fires.stream().filter(fire -> !recorded.getOrDefault(task, Set.of())
                .contains(fire)).forEach(fire -> {
                    forbidMissed++;
                    problem("forbid missed: task " + task + " fire " + fire);
                }));
        runs.forEach((task, intervals) -> {
            intervals.sort((a, b) -> Long.compare(a[0], b[0]));
            for (int i = 1; i < intervals.size(); i++) {
                if (intervals.get(i)[0] < intervals.get(i - 1)[1] - 500_000) {
                    forbidOverlaps++;
                    problem("forbid overlap: task " + task + " run started at " + micros(intervals.get(i)[0])
                            + " before the one before ended at " + micros(intervals.get(i - 1)[1]));
                }
            }
        });
    }

    /**
     * The retried tasks: each fire due before {@code settled} has its second attempt, and retries due after the kill
     * whose first attempt ran on the killed node were run by another node.
     */
    private void retried(Connection connection, Map<Long, Set<Instant>> expected, Instant settled, long killedPid,
                         Instant killedAt) throws SQLException {
        Map<Long, Set<Instant>> second = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT e.task_id, e.fire_time FROM cw_execution e"
                + " WHERE e.attempt = 2 AND e.fire_time <= ?")) {
            select.setLong(1, ChronoUnit.MICROS.between(Instant.EPOCH, settled));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    second.computeIfAbsent(rows.getLong(1), k -> new HashSet<>()).add(micros(rows.getLong(2)));
                }
            }
        }
        expected.forEach((task, fires) -> fires.stream().filter(fire -> !fire.isAfter(settled))
                .filter(fire -> !second.getOrDefault(task, Set.of()).contains(fire)).forEach(fire -> {
                    retriesMissing++;
                    problem("retry missing: task " + task + " fire " + fire);
                }));
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM cw_execution first"
                + " JOIN cw_node n1 ON n1.id = first.node"
                + " JOIN cw_execution retry ON retry.task_id = first.task_id AND retry.fire_time = first.fire_time"
                + " AND retry.attempt = 2 JOIN cw_node n2 ON n2.id = retry.node"
                + " WHERE first.attempt = 1 AND first.status = 'TIMED_OUT' AND n1.pid = ? AND n2.pid <> ?"
                + " AND retry.due_at > ? AND retry.started_at IS NOT NULL")) {
            select.setLong(1, killedPid);
            select.setLong(2, killedPid);
            select.setLong(3, ChronoUnit.MICROS.between(Instant.EPOCH, killedAt));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                retriesOfKilledNodeRunElsewhere = row.getInt(1);
            }
        }
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
                .add("forbidMissed", forbidMissed).add("forbidSkipped", forbidSkipped)
                .add("forbidOverlaps", forbidOverlaps).add("retriesMissing", retriesMissing)
                .add("retriesOfKilledNodeRunElsewhere", retriesOfKilledNodeRunElsewhere)
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
