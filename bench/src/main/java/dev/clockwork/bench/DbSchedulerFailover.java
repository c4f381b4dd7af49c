package dev.clockwork.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * db-scheduler 16.12.0's failover. A running execution's {@code last_heartbeat} is written every
 * {@code heartbeatInterval}; every instance looks for dead executions every 2 x {@code heartbeatInterval} (its
 * {@code Scheduler} schedules {@code detectDeadExecutions} so) and takes an execution as dead once its heartbeat is
 * older than {@code heartbeatInterval} x {@code missedHeartbeatsLimit}; a one-time task's default dead-execution
 * handler ({@code ReviveDeadExecution}) reschedules it to now, and the next poll of any instance runs it.
 */
final class DbSchedulerFailover implements FailoverSubject {

    static final String KEY = "db-scheduler";
    /** db-scheduler's defaults (README, "Less commonly tuned"; {@code SchedulerBuilder.DEFAULT_*}). */
    private static final Duration DEFAULT_HEARTBEAT = Duration.ofMinutes(5);
    private static final int DEFAULT_MISSED_HEARTBEATS = 6;
    private static final Duration DEFAULT_POLLING = Duration.ofSeconds(10);
    /**
     * The fastest safe values: {@code missedHeartbeatsLimit} 4 is the least {@code SchedulerBuilder} accepts ("must be
     * at least 4", raised from 4 to a default of 6 in db-scheduler's pull request 432); the README gives no lower
     * bound for {@code heartbeatInterval}, and db-scheduler's own cluster tests run with 500 ms, the heartbeat of
     * Clockwork's fastest settings too. Polling as often, so that a revived execution waits no longer than a beat.
     */
    private static final Duration FAST_HEARTBEAT = Duration.ofMillis(500);
    private static final int FAST_MISSED_HEARTBEATS = 4;
    private static final Duration FAST_POLLING = Duration.ofMillis(500);

    @Override
    public String contender() {
        return DbSchedulerContender.name(DbSchedulerContender.Polling.FETCH_AND_LOCK_ON_EXECUTE);
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public void createTables(Database db) throws SQLException {
        DbSchedulerContender.createTable(db);
    }

    /**
     * Schedules its share due now and asks its own scheduler to look for due executions at once (its documented
     * {@code triggerCheckForDueExecutions}), so that each instance starts its own share rather than the first to poll
     * taking them all.
     */
    @Override
    public void startInstance(Database db, Setting setting, String instance, List<String> share) {
        OneTimeTask<Void> sleep = Tasks.oneTime("failover-sleep").execute((run, context) -> {
            try {
                FailoverInstance.recordStartThenSleep(run.getId());
            } catch (SQLException e) {
                throw new IllegalStateException("Could not record the start of " + run.getId() + " in"
                        + " failover_start; is " + db.url() + " up?", e);
            }
        });
        SchedulerBuilder builder = DbSchedulerContender.builder(db, db.pool(DbSchedulerContender.THREADS + 4),
                instance, sleep);
        if (setting == Setting.FASTEST) {
            builder = builder.heartbeatInterval(FAST_HEARTBEAT).missedHeartbeatsLimit(FAST_MISSED_HEARTBEATS)
                    .pollingInterval(FAST_POLLING);
        }
        Scheduler scheduler = builder.build();
        scheduler.start();
        for (String run : share) {
            scheduler.schedule(sleep.instance(run), Instant.now());
        }
        scheduler.triggerCheckForDueExecutions();
    }

    @Override
    public Map<String, String> settings(Database db, Setting setting) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("version", "16.12.0");
        settings.put("jdbcCustomization", db.isPostgres() ? "autodetected" : "MariaDBJdbcCustomization");
        settings.put("polling", "fetch-and-lock-on-execute (0.5, 3.0), the default");
        settings.put("threadsPerInstance", Integer.toString(DbSchedulerContender.THREADS));
        if (setting == Setting.FASTEST) {
            settings.put("heartbeatInterval", FAST_HEARTBEAT + " (the README gives no lower bound; db-scheduler's"
                    + " own cluster tests use 500 ms, as do Clockwork's fastest settings)");
            settings.put("missedHeartbeatsLimit", FAST_MISSED_HEARTBEATS + " (the least SchedulerBuilder accepts:"
                    + " \"Heartbeat-limit must be at least 4\")");
            settings.put("pollingInterval", FAST_POLLING + " (so that a revived execution waits at most a beat)");
        } else {
            settings.put("heartbeatInterval", DEFAULT_HEARTBEAT + " (default)");
            settings.put("missedHeartbeatsLimit", DEFAULT_MISSED_HEARTBEATS + " (default)");
            settings.put("pollingInterval", DEFAULT_POLLING + " (default)");
        }
        settings.put("deadExecutionHandler", "ReviveDeadExecution (a one-time task's default: rescheduled to now)");
        return settings;
    }

    @Override
    public Rule rule(Setting setting) {
        Duration heartbeat = setting == Setting.FASTEST ? FAST_HEARTBEAT : DEFAULT_HEARTBEAT;
        int missed = setting == Setting.FASTEST ? FAST_MISSED_HEARTBEATS : DEFAULT_MISSED_HEARTBEATS;
        Duration polling = setting == Setting.FASTEST ? FAST_POLLING : DEFAULT_POLLING;
        Duration dead = heartbeat.multipliedBy(missed);
        // The last heartbeat is up to one interval old at the kill; the look for dead executions comes every two
        // intervals; the revived execution waits for a poll.
        Duration earliest = dead.minus(heartbeat);
        Duration latest = dead.plus(heartbeat.multipliedBy(2)).plus(polling);
        return new Rule(earliest, latest, "dead once last_heartbeat is older than heartbeatInterval x"
                + " missedHeartbeatsLimit = " + FailoverSubject.humane(dead) + ", looked for every 2 x"
                + " heartbeatInterval, then run at the next poll (" + polling + "): "
                + FailoverSubject.humane(earliest) + " to " + FailoverSubject.humane(latest) + " after the kill");
    }
}
