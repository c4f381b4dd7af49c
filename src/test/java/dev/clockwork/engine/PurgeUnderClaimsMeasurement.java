package dev.clockwork.engine;

import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.store.jpa.MeasurementDatabases;
import dev.clockwork.store.jpa.StoreFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Measures claims while the history retention deletes 1,000,000 old executions (docs/benchmarks.md, "History
 * retention"): 1,000 tasks with 1,000 ended executions each, fired 40-100 days ago, then rounds of claims (100 fires,
 * claimed and recorded as the engine does, through {@link ManualEngine}) of 20,000 due tasks, without and with the
 * purge deleting batches back to back on another connection. Not part of the suite (no {@code Test} suffix): run with
 * {@code mvn test -Dtest=PurgeUnderClaimsMeasurement} on the machine's PostgreSQL and MariaDB.
 */
class PurgeUnderClaimsMeasurement {

    private static final Instant T = Instant.parse("2030-06-01T00:00:00Z");
    private static final int HISTORY_TASKS = 1000;
    private static final int PER_TASK = 1000;
    private static final int DUE = 20_000;

    @Test
    void postgresql() throws Exception {
        String schema = "purge_measure";
        try (StoreFixture fixture = MeasurementDatabases.postgres(schema)) {
            measure("postgresql", fixture, "SELECT g FROM generate_series(1, " + HISTORY_TASKS * PER_TASK + ") g");
        }
    }

    @Test
    void mariadb() throws Exception {
        try (StoreFixture fixture = MeasurementDatabases.mariaDb("purge_measure")) {
            measure("mariadb", fixture, "SELECT seq AS g FROM seq_1_to_" + HISTORY_TASKS * PER_TASK);
        }
    }

    /** How the purge runs beside the claims. */
    private enum Purge {
        /** Not at all. */
        NONE,
        /** Batch after batch, until every old execution is gone: the worst case. */
        BACK_TO_BACK,
        /** As the server's {@link Retention} runs it: after each batch, a pause as long as the batch took. */
        PACED
    }

    private void measure(String db, StoreFixture fixture, String numbers) throws Exception {
        // The first run warms the JIT and the database's caches; it is reported but not compared.
        for (Purge purge : List.of(Purge.NONE, Purge.NONE, Purge.BACK_TO_BACK, Purge.PACED, Purge.NONE)) {
            report(db, purge.name(), run(fixture, numbers, purge));
        }
    }

    private Result run(StoreFixture fixture, String numbers, Purge purge) throws Exception {
        fill(fixture, numbers);
        ManualEngine engine = new ManualEngine(fixture, T);
        PurgeOldExecutions chore = new PurgeOldExecutions();
        chore.clock = Clock.fixed(T, ZoneOffset.UTC);
        chore.config = EngineConfig.from(Map.of("clockwork.history.keep", "P30D")::get, ZoneOffset.UTC);
        chore.node = new NodeIdentity();
        AtomicLong purged = new AtomicLong();
        AtomicLong purgeNanos = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean claiming = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread purger = new Thread(() -> {
            long start = System.nanoTime();
            while (purge != Purge.NONE && (purge == Purge.BACK_TO_BACK || claiming.get())) {
                long batchStart = System.nanoTime();
                PurgeOldExecutions.Batch batch = fixture.inTransaction(s -> {
                    chore.tasks = s.tasks();
                    chore.cluster = s.cluster();
                    return chore.purgeBatch();
                });
                purged.addAndGet(batch.deleted());
                if (!batch.more() && batch.deleted() == 0) {
                    break;
                }
                if (purge == Purge.PACED) {
                    try {
                        Thread.sleep((System.nanoTime() - batchStart) / 1_000_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            purgeNanos.set(System.nanoTime() - start);
        });
        purger.start();
        List<Long> rounds = new ArrayList<>();
        long claimed = 0;
        long start = System.nanoTime();
        while (claimed < DUE) {
            long round = System.nanoTime();
            int fires = engine.runDueOnce().size();
            rounds.add(System.nanoTime() - round);
            claimed += fires;
            if (fires == 0) {
                throw new IllegalStateException("no more due fires after " + claimed);
            }
        }
        long took = System.nanoTime() - start;
        long purgedDuringClaims = purged.get();
        claiming.set(false);
        purger.join();
        Collections.sort(rounds);
        return new Result(claimed * 1e9 / took, rounds.get(rounds.size() / 2) / 1e6,
                rounds.get(rounds.size() * 99 / 100) / 1e6, purgedDuringClaims, purged.get(),
                purgeNanos.get() / 1e9);
    }

    /** Empties the tables, then writes the history and the due tasks in bulk. */
    private static void fill(StoreFixture fixture, String numbers) throws SQLException {
        long old = T.minus(Duration.ofDays(100)).toEpochMilli() * 1000;
        long spread = Duration.ofDays(60).toMillis() * 1000 / PER_TASK;
        try (Connection connection = fixture.connect(); Statement statement = connection.createStatement()) {
            for (String table : List.of("cw_run", "cw_execution", "cw_task")) {
                statement.execute("DELETE FROM " + table);
            }
            statement.execute("UPDATE cw_id_block SET next_value = 10000000 WHERE name IN ('task', 'execution')");
            statement.execute("UPDATE cw_lock SET holder = NULL, locked_until = 0");
            statement.execute("INSERT INTO cw_task (id, name, trigger_text, zone, action, priority, state, anchor_at,"
                    + " fire_count, max_attempts, created_at, updated_at, version) SELECT g, CONCAT('history-', g),"
                    + " 'every 1h', 'UTC', 'noop', 0, 'PAUSED', 0, 0, 1, 0, 0, 0 FROM (" + numbers + ") n WHERE g <= "
                    + HISTORY_TASKS);
            long start = System.nanoTime();
            statement.execute("INSERT INTO cw_execution (id, task_id, task_name, fire_time, attempt, kind, node,"
                    + " status, claimed_at, started_at, finished_at) SELECT g, 1 + FLOOR((g - 1) / " + PER_TASK + "),"
                    + " 'history', " + old + " + ((g - 1) % " + PER_TASK + ") * " + spread + ", 1, 'SCHEDULED',"
                    + " 'node-old', 'SUCCEEDED', 0, 0, 0 FROM (" + numbers + ") n");
            System.out.printf("PURGE-MEASURE: wrote %,d old executions in %.1f s%n", HISTORY_TASKS * PER_TASK,
                    (System.nanoTime() - start) / 1e9);
            long due = T.toEpochMilli() * 1000;
            statement.execute("INSERT INTO cw_task (id, name, trigger_text, zone, action, priority, state, anchor_at,"
                    + " next_fire_at, fire_count, max_attempts, created_at, updated_at, version) SELECT 100000 + g,"
                    + " CONCAT('due-', g), 'every 1h', 'UTC', 'noop', 0, 'ACTIVE', " + due + ", " + due + ", 0, 1, 0,"
                    + " 0, 0 FROM (" + numbers + ") n WHERE g <= " + DUE);
        }
    }

    private static void report(String db, String mode, Result result) {
        System.out.printf("PURGE-MEASURE %s %s: claims %.0f/s, round of 100 p50 %.1f ms p99 %.1f ms; purged %,d during"
                + " the claims, %,d in all in %.1f s%n", db, mode, result.perSecond(), result.p50(), result.p99(),
                result.purgedDuringClaims(), result.purged(), result.purgeSeconds());
    }

    private record Result(double perSecond, double p50, double p99, long purgedDuringClaims, long purged,
                          double purgeSeconds) {
    }
}
