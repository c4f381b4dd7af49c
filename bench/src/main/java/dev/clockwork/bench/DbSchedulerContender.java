package dev.clockwork.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.MariaDBJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * db-scheduler: one-time tasks of a no-op task, {@code instances} schedulers (in this JVM) on one table, each
 * polling strategy it offers, tuned for throughput as its README recommends (more threads, lock-and-fetch where the
 * database has SKIP LOCKED).
 */
final class DbSchedulerContender {

    static final int THREADS = 16;
    static final Duration POLLING = Duration.ofSeconds(1);
    /** For the lateness workload: db-scheduler finds due executions only when it polls. */
    static final Duration LOW_LATENCY_POLLING = Duration.ofMillis(100);

    /** The polling strategies db-scheduler offers. */
    enum Polling { FETCH_AND_LOCK_ON_EXECUTE, LOCK_AND_FETCH }

    private volatile Span span = new Span();

    Result throughput(Database db, int instances, Polling polling, int warmUp, int tasks) throws Exception {
        List<HikariDataSource> pools = new ArrayList<>();
        List<Scheduler> schedulers = new ArrayList<>();
        try {
            start(db, instances, polling, POLLING, pools, schedulers);
            run(db, "warm", warmUp, Instant.now(), Duration.ZERO);
            Span measured = run(db, "bench", tasks, Instant.now(), Duration.ZERO);
            return new Result(name(polling), db.name(), instances, "throughput", measured.perSecond(),
                    "executions/s", settings(db, polling, POLLING, instances));
        } finally {
            schedulers.forEach(Scheduler::stop);
            pools.forEach(HikariDataSource::close);
        }
    }

    /**
     * One instance, polling every {@link #LOW_LATENCY_POLLING} (its polling interval is what bounds its lateness);
     * one-off tasks due evenly over {@code spread}.
     */
    List<Result> lateness(Database db, Polling polling, int count, Duration spread) throws Exception {
        List<HikariDataSource> pools = new ArrayList<>();
        List<Scheduler> schedulers = new ArrayList<>();
        try {
            start(db, 1, polling, LOW_LATENCY_POLLING, pools, schedulers);
            Span measured = run(db, "late", count, Instant.now().plusSeconds(3), spread);
            Map<String, String> settings = settings(db, polling, LOW_LATENCY_POLLING, 1);
            settings.put("tasks", count + " one-time tasks due evenly over " + spread.toSeconds() + " s");
            return Lateness.results(name(polling), db.name(), measured.latenessMs(), settings);
        } finally {
            schedulers.forEach(Scheduler::stop);
            pools.forEach(HikariDataSource::close);
        }
    }

    private void start(Database db, int instances, Polling polling, Duration pollingInterval,
                       List<HikariDataSource> pools, List<Scheduler> schedulers) throws Exception {
        db.reset();
        createTable(db);
        OneTimeTask<Void> noop = Tasks.oneTime("noop").execute((instance, context) -> {
            Span current = span;
            current.started(context.getExecution().executionTime);
            current.finished();
        });
        for (int i = 0; i < instances; i++) {
            HikariDataSource pool = db.pool(THREADS + 4);
            pools.add(pool);
            SchedulerBuilder builder = builder(db, pool, "bench-" + i, noop).pollingInterval(pollingInterval);
            builder = polling == Polling.LOCK_AND_FETCH ? builder.pollUsingLockAndFetch(0.5, 1.0)
                    : builder.pollUsingFetchAndLockOnExecute(0.5, 3.0);
            Scheduler scheduler = builder.build();
            schedulers.add(scheduler);
            scheduler.start();
        }
    }

    /**
     * What every db-scheduler instance of the bench has: {@code THREADS} threads, its name, and the JDBC
     * customization for the database.
     */
    static SchedulerBuilder builder(Database db, HikariDataSource pool, String name, Task<?> task) {
        SchedulerBuilder builder = Scheduler.create(pool, task).threads(THREADS)
                .schedulerName(new SchedulerName.Fixed(name));
        if (!db.isPostgres()) {
            // MariaDB calls itself MySQL 5.5.5 to the driver, so db-scheduler's autodetection would take it for a
            // MySQL without SKIP LOCKED; its own MariaDB customization knows better.
            builder = builder.jdbcCustomization(new MariaDBJdbcCustomization(true));
        }
        return builder;
    }

    /** db-scheduler's table and the indexes its README recommends, in the (empty) benchmark database. */
    static void createTable(Database db) throws SQLException {
        db.execute(db.isPostgres() ? POSTGRES_TABLE : MYSQL_TABLE);
        db.execute("CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)",
                "CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
    }

    static String name(Polling polling) {
        return "db-scheduler " + (polling == Polling.LOCK_AND_FETCH ? "lock-and-fetch" : "fetch-and-lock-on-execute");
    }

    private static Map<String, String> settings(Database db, Polling polling, Duration pollingInterval,
                                                int instances) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("version", "16.12.0");
        settings.put("jdbcCustomization", db.isPostgres() ? "autodetected" : "MariaDBJdbcCustomization");
        settings.put("polling", polling == Polling.LOCK_AND_FETCH ? "lock-and-fetch (0.5, 1.0)"
                : "fetch-and-lock-on-execute (0.5, 3.0), the default");
        settings.put("threadsPerInstance", Integer.toString(THREADS));
        settings.put("pollingInterval", pollingInterval.toString());
        settings.put("instances", instances + " schedulers in one JVM, a connection pool each");
        return settings;
    }

    private Span run(Database db, String prefix, int count, Instant first, Duration spread) throws Exception {
        Span current = new Span();
        span = current;
        insert(db, prefix, count, first, spread);
        current.await(count, 600, "db-scheduler");
        return current;
    }

    /** Due from {@code first} evenly over {@code spread}, in one transaction: visible to the schedulers at once. */
    private static void insert(Database db, String prefix, int count, Instant first, Duration spread)
            throws SQLException {
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO scheduled_tasks (task_name,"
                     + " task_instance, execution_time, picked, version) VALUES ('noop', ?, ?, FALSE, 1)")) {
            connection.setAutoCommit(false);
            long step = count > 1 ? spread.toNanos() / (count - 1) : 0;
            for (int i = 0; i < count; i++) {
                insert.setString(1, prefix + "-" + i);
                insert.setTimestamp(2, Timestamp.from(first.plusNanos(i * step)));
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private static final String POSTGRES_TABLE = "CREATE TABLE scheduled_tasks (task_name TEXT NOT NULL,"
            + " task_instance TEXT NOT NULL, task_data BYTEA, execution_time TIMESTAMP WITH TIME ZONE NOT NULL,"
            + " picked BOOLEAN NOT NULL, picked_by TEXT, last_success TIMESTAMP WITH TIME ZONE,"
            + " last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT,"
            + " last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL, priority SMALLINT,"
            + " PRIMARY KEY (task_name, task_instance))";
    private static final String MYSQL_TABLE = "CREATE TABLE scheduled_tasks (task_name VARCHAR(100) NOT NULL,"
            + " task_instance VARCHAR(100) NOT NULL, task_data BLOB, execution_time TIMESTAMP(6) NOT NULL,"
            + " picked BOOLEAN NOT NULL, picked_by VARCHAR(50), last_success TIMESTAMP(6) NULL,"
            + " last_failure TIMESTAMP(6) NULL, consecutive_failures INT, last_heartbeat TIMESTAMP(6) NULL,"
            + " version BIGINT NOT NULL, priority SMALLINT, PRIMARY KEY (task_name, task_instance))";
}
