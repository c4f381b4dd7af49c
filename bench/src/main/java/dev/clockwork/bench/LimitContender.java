package dev.clockwork.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The raw-database limit: threads that only claim due rows with {@code FOR UPDATE SKIP LOCKED} (marking them
 * taken) and record each completion, in batches, with nothing else around them.
 */
final class LimitContender {

    static final int THREADS = 8;
    static final int BATCH = 100;

    Result throughput(Database db, int warmUp, int tasks) throws Exception {
        db.reset();
        db.execute("CREATE TABLE limit_task (id BIGINT NOT NULL PRIMARY KEY, due_at BIGINT NOT NULL,"
                        + " state SMALLINT NOT NULL, finished_at BIGINT)",
                "CREATE INDEX limit_task_due_ix ON limit_task (state, due_at)");
        // Custom plans: with a plan for any value, which PostgreSQL settles on after a statement's fifth run on a
        // connection, the claim kept the plan it got while the table held the warm-up tasks: a scan of the whole
        // table per claim (60-100 ms each) once the measured tasks were in. After 20,000 warm-up tasks the limit then
        // made 9,557-11,399 executions/s, and 28,326-40,852 after 2,000; with custom plans 29,841-30,843 after
        // either (runs of 100,000 tasks, 2026-11-30).
        try (HikariDataSource pool = db.customPlanPool(THREADS + 2)) {
            run(pool, 0, warmUp);
            Span span = run(pool, warmUp, tasks);
            return new Result("limit", db.name(), 1, "throughput", span.perSecond(), "executions/s", Map.of(
                    "threads", Integer.toString(THREADS), "claimBatch", Integer.toString(BATCH),
                    "plans", db.isPostgres() ? Database.CUSTOM_PLANS : "the server's default",
                    "work", "per batch: SELECT ... FOR UPDATE SKIP LOCKED + UPDATE taken (1 tx), then one batched"
                            + " UPDATE of the completions (1 tx)"));
        }
    }

    private Span run(HikariDataSource pool, int firstId, int count) throws Exception {
        insert(pool, firstId, count);
        Span span = new Span();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                workers.add(threads.submit(() -> work(pool, span, count)));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return span;
    }

    private static Void work(HikariDataSource pool, Span span, int count) throws SQLException, InterruptedException {
        while (span.count() < count) {
            List<Long> claimed = claim(pool);
            if (claimed.isEmpty()) {
                Thread.sleep(1);
                continue;
            }
            for (int i = 0; i < claimed.size(); i++) {
                span.started();
            }
            try (Connection connection = pool.getConnection();
                 PreparedStatement done = connection.prepareStatement(
                         "UPDATE limit_task SET state = 2, finished_at = ? WHERE id = ?")) {
                connection.setAutoCommit(false);
                for (long id : claimed) {
                    done.setLong(1, System.currentTimeMillis());
                    done.setLong(2, id);
                    done.addBatch();
                }
                done.executeBatch();
                connection.commit();
            }
            for (int i = 0; i < claimed.size(); i++) {
                span.finished();
            }
        }
        return null;
    }

    private static List<Long> claim(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM limit_task WHERE state = 0"
                    + " AND due_at <= ? ORDER BY due_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")) {
                select.setLong(1, System.currentTimeMillis());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            if (!ids.isEmpty()) {
                try (PreparedStatement take = connection.prepareStatement(
                        "UPDATE limit_task SET state = 1 WHERE id = ?")) {
                    for (long id : ids) {
                        take.setLong(1, id);
                        take.addBatch();
                    }
                    take.executeBatch();
                }
            }
            connection.commit();
            return ids;
        }
    }

    private static void insert(HikariDataSource pool, int firstId, int count) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO limit_task (id, due_at, state) VALUES (?, ?, 0)")) {
            connection.setAutoCommit(false);
            long now = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                insert.setLong(1, firstId + i);
                insert.setLong(2, now);
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }
}
