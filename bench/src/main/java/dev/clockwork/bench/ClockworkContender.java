package dev.clockwork.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Clockwork as users deploy it: the built WAR on Payara Micro nodes (the README's cluster recipe), default settings
 * unless a workload says otherwise. Tasks are written into {@code cw_task} directly, as the REST API would store
 * them, so that thousands are due at once; every number comes from the executions' own times in the database.
 */
final class ClockworkContender {

    /** The fastest failover settings the README allows: dead-after at its minimum of three heartbeats. */
    static final List<String> FAST_FAILOVER = List.of("-Dclockwork.heartbeat-interval=PT0.5S",
            "-Dclockwork.dead-after=PT1.5S", "-Dclockwork.poll-interval=PT0.5S");
    private static final String FAST_FAILOVER_NAME = "fastest safe (" + String.join(" ", FAST_FAILOVER) + ")";
    private static final long FIRST_ID = 1_000_000_000L;

    private final Path project;
    private final Path logs;
    /** JVM options for every node, e.g. to profile one ({@code --node-java-options}). */
    private final List<String> nodeJavaOptions;
    private long nextId = FIRST_ID;

    ClockworkContender(Path project, Path logs, List<String> nodeJavaOptions) {
        this.project = project;
        this.logs = logs;
        this.nodeJavaOptions = nodeJavaOptions;
    }

    /** Every workload on one node: throughput, lateness, then scale (which fills the table). */
    List<Result> oneNode(Database db, Bench.Mode mode) throws Exception {
        db.reset();
        List<Result> results = new ArrayList<>();
        try (ClockworkCluster cluster = cluster(db, 1, List.of())) {
            results.add(throughput(db, cluster, mode));
            results.addAll(lateness(db, mode));
            results.addAll(scale(db, cluster, mode));
        }
        return results;
    }

    /** Three nodes: throughput with the default settings, then failover with them. */
    List<Result> threeNodes(Database db, Bench.Mode mode) throws Exception {
        db.reset();
        try (ClockworkCluster cluster = cluster(db, 3, List.of())) {
            return List.of(throughput(db, cluster, mode),
                    failover(db, cluster, "default (heartbeat PT2S, dead-after PT10S, poll PT1S)", mode));
        }
    }

    /** Three nodes with the fastest safe failover settings, killed the same way. */
    Result fastFailover(Database db, Bench.Mode mode) throws Exception {
        db.reset();
        try (ClockworkCluster cluster = cluster(db, 3, FAST_FAILOVER)) {
            return failover(db, cluster, FAST_FAILOVER_NAME, mode);
        }
    }

    /**
     * The quick mode's three nodes: one cluster, with the fastest safe failover settings, for throughput and then
     * failover (a cluster start costs about 50 s on two cores; the settings are in each result).
     */
    List<Result> threeNodesFast(Database db, Bench.Mode mode) throws Exception {
        db.reset();
        try (ClockworkCluster cluster = cluster(db, 3, FAST_FAILOVER)) {
            return List.of(throughput(db, cluster, mode), failover(db, cluster, FAST_FAILOVER_NAME, mode));
        }
    }

    private Result throughput(Database db, ClockworkCluster cluster, Bench.Mode mode) throws Exception {
        Instant now = Instant.now();
        insert(db, "warm.", now, 0, mode.warmUp(), Duration.ZERO, "noop", null);
        awaitRecorded(db, "warm.", mode.warmUp(), now);
        insert(db, "bench.", now, 0, mode.tasks(), Duration.ZERO, "noop", null);
        Recorded took = awaitRecorded(db, "bench.", mode.tasks(), now);
        return new Result("clockwork", db.name(), cluster.size(), "throughput", took.perSecond(mode.tasks()),
                "executions/s", settings(cluster, "one-off 'at' tasks of the built-in noop action, all due at once,"
                        + " inserted in one transaction; " + took.describe()));
    }

    /** One-off tasks spread evenly over the spread; started minus scheduled, from the executions. */
    private List<Result> lateness(Database db, Bench.Mode mode) throws Exception {
        Instant first = Instant.now().plusSeconds(3);
        insert(db, "late.", first, 0, mode.latenessTasks(), mode.latenessSpread(), "noop", null);
        awaitRecorded(db, "late.", mode.latenessTasks(), first.plus(mode.latenessSpread()));
        List<Long> lateness = new ArrayList<>();
        long latestFire = 0;
        long latestMs = -1;
        try (Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement("SELECT fire_time, started_at - fire_time"
                     + " FROM cw_execution WHERE task_name LIKE 'late.%' AND status = 'SUCCEEDED'");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                long ms = rows.getLong(2) / 1000;
                lateness.add(ms);
                if (ms > latestMs) {
                    latestMs = ms;
                    latestFire = rows.getLong(1);
                }
            }
        }
        Collections.sort(lateness);
        Map<String, String> settings = settings(null, mode.latenessTasks() + " one-off tasks due evenly over "
                + mode.latenessSpread().toSeconds() + " s");
        // When the latest start was due, to set beside the database's log (checkpoints, slow statements).
        settings.put("latest", latestMs + " ms, the fire due at " + Instant.EPOCH.plus(latestFire, ChronoUnit.MICROS));
        settings.put("over25ms", Long.toString(lateness.stream().filter(ms -> ms > 25).count()));
        return Lateness.results("clockwork", db.name(), lateness, settings);
    }

    /**
     * For each size of the table, future tasks are added (due in a day) and then due tasks, due shortly: the claim
     * statements Clockwork runs (JpaTaskStore: candidates in index order, then the chosen rows locked with SKIP
     * LOCKED) are timed against that table before the due tasks come due, then the node runs them; its heap is
     * read after a full collection.
     */
    private List<Result> scale(Database db, ClockworkCluster cluster, Bench.Mode mode) throws Exception {
        List<Result> results = new ArrayList<>();
        int future = 0;
        for (int size : mode.scaleFuture()) {
            Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
            long inserting = System.nanoTime();
            insert(db, "future." + size + ".", tomorrow, 0, size - future, Duration.ofHours(1), "noop", null);
            System.out.printf(Locale.ROOT, "   (scale: %,d future tasks written in %.0f s)%n", size - future,
                    (System.nanoTime() - inserting) / 1e9);
            future = size;
            Instant due = Instant.now().plusSeconds(mode.scaleDueIn().toSeconds());
            String prefix = "scale." + size + ".";
            insert(db, prefix, due, 0, mode.scaleDue(), Duration.ZERO, "noop", null);
            double claimMs = claimLatencyMs(db, due);
            if (Instant.now().isAfter(due)) {
                throw new IllegalStateException("Timing the claim at " + size + " future tasks took longer than the "
                        + mode.scaleDueIn() + " before the due tasks were due; the measurement is not clean");
            }
            Recorded took = awaitRecorded(db, prefix, mode.scaleDue(), due);
            double perSecond = took.perSecond(mode.scaleDue());
            Map<String, String> settings = settings(cluster, mode.scaleDue() + " due tasks with " + size
                    + " future tasks in cw_task; " + took.describe());
            settings.put("futureTasks", Integer.toString(size));
            results.add(new Result("clockwork", db.name(), 1, "scale.claim." + size, claimMs, "ms", settings));
            results.add(new Result("clockwork", db.name(), 1, "scale.throughput." + size, perSecond, "executions/s",
                    settings));
            results.add(new Result("clockwork", db.name(), 1, "scale.heap." + size, cluster.heapMiB(0), "MiB",
                    settings));
        }
        return results;
    }

    /** Median of 30 claims of 20 tasks as JpaTaskStore runs them, each in a transaction rolled back. */
    private static double claimLatencyMs(Database db, Instant now) throws SQLException {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        List<Long> nanos = new ArrayList<>();
        try (Connection connection = db.connect();
             PreparedStatement candidates = connection.prepareStatement("SELECT id, priority, next_fire_at FROM"
                     + " cw_task WHERE next_fire_at <= ? ORDER BY next_fire_at LIMIT 80")) {
            connection.setAutoCommit(false);
            for (int round = 0; round < 31; round++) {
                long start = System.nanoTime();
                candidates.setLong(1, micros);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rows = candidates.executeQuery()) {
                    while (rows.next() && ids.size() < 20) {
                        ids.add(rows.getLong(1));
                    }
                }
                if (ids.isEmpty()) {
                    throw new IllegalStateException("No due candidates to time the claim with");
                }
                // The ids written into the statement, as the engine writes them (RunStatements.idList).
                String idList = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
                try (PreparedStatement lock = connection.prepareStatement("SELECT * FROM cw_task WHERE id IN ("
                        + idList + ") FOR UPDATE SKIP LOCKED")) {
                    int due = 0;
                    try (ResultSet rows = lock.executeQuery()) {
                        while (rows.next()) {
                            long next = rows.getLong("next_fire_at");
                            due += !rows.wasNull() && next <= micros ? 1 : 0;
                        }
                    }
                    if (due == 0) {
                        throw new IllegalStateException("None of the due candidates could be locked as due");
                    }
                }
                connection.rollback();
                if (round > 0) {
                    nanos.add(System.nanoTime() - start);
                }
            }
        }
        Collections.sort(nanos);
        return nanos.get(nanos.size() / 2) / 1e6;
    }

    /**
     * Long runs of the built-in sleep action on every node; one node is killed with SIGKILL while it runs some.
     * Seconds from the kill until the last of its runs started again on another node.
     */
    private Result failover(Database db, ClockworkCluster cluster, String settingsName, Bench.Mode mode)
            throws Exception {
        // Due one after another, so that the nodes, racing for each, share them; fewer than the survivors can
        // take on, so that the killed node's runs can start again at once.
        String prefix = "failover.";
        insert(db, prefix, Instant.now().plusSeconds(1), 0, mode.failoverTasks(), Duration.ofSeconds(6), "sleep",
                "{\"ms\":600000}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (runningOn(db, -1) < mode.failoverTasks()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not all " + mode.failoverTasks() + " long tasks started within 120 s;"
                        + " node logs in " + logs);
            }
            Thread.sleep(100);
        }
        // The node running the most: the nodes race for each run, and one may win none of them.
        int victim = 0;
        int running = 0;
        for (int node = 0; node < cluster.size(); node++) {
            int runs = runningOn(db, cluster.pid(node));
            if (runs > running) {
                victim = node;
                running = runs;
            }
        }
        if (running == 0) {
            throw new IllegalStateException("No node runs any of the " + mode.failoverTasks() + " long tasks; node logs"
                    + " in " + logs);
        }
        long victimPid = cluster.pid(victim);
        cluster.kill(victim);
        Instant killedAt = Instant.now();
        long restartedMicros;
        try (Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*), MAX(retry.started_at)"
                     + " FROM cw_execution lost JOIN cw_node n ON n.id = lost.node JOIN cw_execution retry"
                     + " ON retry.task_id = lost.task_id AND retry.fire_time = lost.fire_time"
                     + " AND retry.attempt = lost.attempt + 1"
                     + " WHERE n.pid = ? AND lost.status = 'NODE_LOST' AND retry.started_at IS NOT NULL")) {
            select.setLong(1, victimPid);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    if (row.getInt(1) >= running) {
                        restartedMicros = row.getLong(2);
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The killed node's " + running + " runs did not all start"
                            + " again within 120 s; node logs in " + logs);
                }
                Thread.sleep(50);
            }
        }
        double seconds = (restartedMicros - ChronoUnit.MICROS.between(Instant.EPOCH, killedAt)) / 1e6;
        Map<String, String> settings = settings(cluster, running + " runs of the sleep action on the killed node");
        settings.put("failoverSettings", settingsName);
        return new Result("clockwork", db.name(), cluster.size(), "failover." + (settingsName.startsWith("default")
                ? "default" : "fastest"), seconds, "s", settings);
    }

    /** Long runs started on the node of process {@code pid}, or on every node for -1. */
    private static int runningOn(Database db, long pid) throws SQLException {
        try (Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM cw_execution e JOIN cw_node"
                     + " n ON n.id = e.node WHERE (n.pid = ? OR ? = -1) AND e.status = 'RUNNING'"
                     + " AND e.started_at IS NOT NULL AND e.task_name LIKE 'failover.%'")) {
            select.setLong(1, pid);
            select.setLong(2, pid);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static Map<String, String> settings(ClockworkCluster cluster, String tasks) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server", "Payara Micro 6.2025.10, -Xmx512m, one JVM per node");
        settings.put("workers", "16 (default)");
        settings.put("prefetch", "4 (default; grows to what the workers finish in 50 ms, at most 1,000, while runs are"
                + " short)");
        settings.put("pollInterval", "PT1S (default)");
        if (cluster != null && !cluster.options().isEmpty()) {
            settings.put("options", String.join(" ", cluster.options()));
        }
        settings.put("tasks", tasks);
        return settings;
    }

    /**
     * Waits until {@code count} executions of tasks named {@code prefix...}, due at {@code lastDue} at the latest,
     * succeeded and were recorded. Returns the microseconds from the first action's start (from the executions) to
     * the moment the bench saw the last outcome recorded: a node records outcomes after its actions end, so the
     * actions' own last end would leave out whatever the node had not yet written (a 10,000-task burst of no-ops
     * ran its actions in a few milliseconds and took a hundred times that to record). The in-process contenders
     * count an execution finished in its action, at most one completion per thread ahead of their database.
     *
     * <p>While any task due by then is unclaimed, it only asks the index of due tasks (every 100 ms); then whether
     * any execution is still queued or running, which is whether {@code cw_run} holds a row (every 10 ms: this
     * decides the measured end). Until 2026-11-30 it asked cw_execution for a queued or running status; since V6
     * dropped the index on the status, that was a scan of the whole table every 10 ms (68 ms each at 300,000
     * executions on PostgreSQL), which took a core from the database while the node recorded its last outcomes. The
     * count over cw_execution, also a scan of the whole table, is asked once no run is left.
     */
    private Recorded awaitRecorded(Database db, String prefix, int count, Instant lastDue) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(900);
        try (Connection connection = db.connect();
             PreparedStatement due = connection.prepareStatement("SELECT id FROM cw_task WHERE next_fire_at <= ?"
                     + " ORDER BY next_fire_at LIMIT 1");
             PreparedStatement unfinished = connection.prepareStatement("SELECT execution_id FROM cw_run LIMIT 1");
             PreparedStatement done = connection.prepareStatement("SELECT COUNT(*), MIN(started_at),"
                     + " MAX(finished_at) FROM cw_execution WHERE task_name LIKE ? AND status = 'SUCCEEDED'")) {
            due.setLong(1, ChronoUnit.MICROS.between(Instant.EPOCH, lastDue));
            done.setString(1, prefix + "%");
            pollUntilNone(due, deadline, 100);
            while (true) {
                pollUntilNone(unfinished, deadline, 10);
                long recordedAt = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                try (ResultSet row = done.executeQuery()) {
                    row.next();
                    if (row.getInt(1) >= count) {
                        return new Recorded(recordedAt - row.getLong(2), row.getLong(3) - row.getLong(2));
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Clockwork finished " + row.getInt(1) + " of " + count
                                + " executions of " + prefix + "* within 900 s; node logs in " + logs);
                    }
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * How long the runs of a workload took, in microseconds from the first action's start: until the bench saw the
     * last outcome recorded (the measure), and until the last action ended (for the settings).
     */
    private record Recorded(long micros, long actionsMicros) {

        double perSecond(int count) {
            return count / (micros / 1e6);
        }

        String describe() {
            return String.format(Locale.ROOT, "from the first action's start to the last outcome recorded"
                    + " (%.3f s; the actions alone ended after %.3f s)", micros / 1e6, actionsMicros / 1e6);
        }
    }

    /** Runs {@code query} every {@code everyMs} until it returns no row, or fails at the deadline. */
    private void pollUntilNone(PreparedStatement query, long deadline, long everyMs) throws Exception {
        while (true) {
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Clockwork did not claim and record its work within 900 s; node"
                        + " logs in " + logs);
            }
            Thread.sleep(everyMs);
        }
    }

    private ClockworkCluster cluster(Database db, int nodes, List<String> options) throws Exception {
        return ClockworkCluster.start(project, logs, nodeJavaOptions, db, nodes, options);
    }

    /**
     * {@code count} one-off tasks, as the REST API would store them, in one transaction: the first due at
     * {@code first}, the others evenly over {@code spread}.
     */
    private void insert(Database db, String prefix, Instant first, int from, int count, Duration spread,
                        String action, String args) throws SQLException {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long start = ChronoUnit.MICROS.between(Instant.EPOCH, first);
        long step = count > 1 ? spread.toNanos() / 1000 / (count - 1) : 0;
        try (Connection connection = db.connect()) {
            // New tasks forbid overlapping runs by default (a schema with fire policies): the bench's tasks do too.
            boolean policies = hasColumn(connection, "cw_task", "overlap");
            insert(connection, policies, prefix, from, count, start, step, now, action, args);
        }
    }

    private void insert(Connection connection, boolean policies, String prefix, int from, int count, long start,
                        long step, long now, String action, String args) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cw_task (id, name, trigger_text,"
                     + " zone, action, args, priority, state, anchor_at, next_fire_at, fire_count, max_attempts,"
                     + " created_at, created_by, updated_at, updated_by, version" + (policies ? ", overlap" : "") + ")"
                     + " VALUES (?, ?, ?, 'UTC', ?, ?, 0, 'ACTIVE', ?, ?, 0, 1, ?, 'bench', ?, 'bench', 0"
                     + (policies ? ", 'FORBID'" : "") + ")")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                long due = start + i * step;
                // Ids far above what the nodes' id generator hands out.
                insert.setLong(1, nextId++);
                insert.setString(2, prefix + (from + i));
                insert.setString(3, "at " + Instant.EPOCH.plus(due, ChronoUnit.MICROS));
                insert.setString(4, action);
                insert.setString(5, args);
                insert.setLong(6, now);
                insert.setLong(7, due);
                insert.setLong(8, now);
                insert.setLong(9, now);
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
                if (i % 50_000 == 49_999) {
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private static boolean hasColumn(Connection connection, String table, String column) throws SQLException {
        for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
            try (java.sql.ResultSet columns = connection.getMetaData().getColumns(connection.getCatalog(), null, name,
                    null)) {
                while (columns.next()) {
                    if (columns.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
