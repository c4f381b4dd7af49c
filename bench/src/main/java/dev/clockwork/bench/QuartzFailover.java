package dev.clockwork.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz 2.5.2's failover, JDBC job store, clustered. Every instance checks in every {@code clusterCheckinInterval}
 * and, as it does, takes another instance as failed once now is past that instance's last check-in plus the larger
 * of its interval and the time since its own last check-in, plus a fixed 7.5 s ({@code
 * JobStoreSupport.calcFailedIfAfter}); it then gives each job of the failed instance that requests recovery a
 * one-off trigger due at once ("Any jobs marked for recovery (with the 'requests recovery' property on the
 * JobDetail) will be re-executed by the remaining nodes", Quartz's clustering guide), and fires it.
 */
final class QuartzFailover implements FailoverSubject {

    static final String KEY = "quartz";
    /** {@code JobStoreSupport}'s default (its field; the 1.x/2.3 configuration pages still print 15000). */
    private static final Duration DEFAULT_CHECKIN = Duration.ofMillis(7_500);
    /**
     * Quartz's configuration reference sets no lower bound on {@code clusterCheckinInterval} (it "affects the
     * quickness of detecting failed instances"); the 7.5 s it adds to every deadline stays, so a shorter interval
     * does not make a live instance that pauses look dead sooner. 500 ms, the heartbeat of Clockwork's and
     * db-scheduler's fastest settings: shorter would gain at most a fraction of a second over the fixed 7.5 s.
     */
    private static final Duration FAST_CHECKIN = Duration.ofMillis(500);
    private static final Duration GRACE = Duration.ofMillis(7_500);

    /** A run: records its start, then sleeps. */
    public static final class Sleep implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            String run = context.getJobDetail().getKey().getName();
            try {
                FailoverInstance.recordStartThenSleep(run);
            } catch (SQLException e) {
                throw new JobExecutionException("Could not record the start of " + run + " in failover_start", e);
            }
        }
    }

    @Override
    public String contender() {
        return "quartz";
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public void createTables(Database db) throws SQLException, java.io.IOException {
        db.execute(QuartzContender.tables(db));
    }

    /**
     * Schedules its share, due now, through its own scheduler: scheduling wakes that scheduler's thread at once,
     * while the others sleep up to their idle wait (30 s by default), so each instance starts its own share. Triggers
     * are acquired one at a time (the default batch size), so a waking instance takes no more than it can run.
     */
    @Override
    public void startInstance(Database db, Setting setting, String instance, List<String> share) throws Exception {
        Scheduler scheduler = new StdSchedulerFactory(properties(db, setting, instance)).getScheduler();
        scheduler.start();
        for (String run : share) {
            scheduler.scheduleJob(JobBuilder.newJob(Sleep.class).withIdentity(run).requestRecovery(true).build(),
                    TriggerBuilder.newTrigger().withIdentity(run).startNow().build());
        }
    }

    @Override
    public Map<String, String> settings(Database db, Setting setting) {
        Map<String, String> settings = QuartzContender.settings(properties(db, setting,
                "failover-<index>-<pid>, one per instance"), "");
        settings.put("org.quartz.jobStore.clusterCheckinInterval", setting == Setting.FASTEST
                ? FAST_CHECKIN.toMillis() + " (no lower bound in Quartz's configuration reference; the fixed 7.5 s"
                + " grace keeps a pausing instance from looking dead; the heartbeat of the others' fastest settings)"
                : DEFAULT_CHECKIN.toMillis() + " (default, JobStoreSupport)");
        settings.put("jobs", "requestsRecovery=true (what makes Quartz run a failed instance's job again), one"
                + " trigger each, startNow");
        settings.put("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", "1 (default)");
        settings.put("org.quartz.scheduler.idleWaitTime", "30000 (default)");
        return settings;
    }

    @Override
    public Rule rule(Setting setting) {
        Duration interval = setting == Setting.FASTEST ? FAST_CHECKIN : DEFAULT_CHECKIN;
        // The killed instance checked in up to one interval before the kill; the survivors look once an interval.
        Duration earliest = GRACE;
        Duration latest = interval.multipliedBy(2).plus(GRACE);
        return new Rule(earliest, latest, "failed once past its last check-in + max(clusterCheckinInterval, time"
                + " since the looking instance's own check-in) + 7.5 s, looked for at every check-in ("
                + interval.toMillis() + " ms): " + FailoverSubject.humane(earliest) + " to "
                + FailoverSubject.humane(latest) + " after the kill");
    }

    private static Properties properties(Database db, Setting setting, String instance) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "bench-failover");
        p.setProperty("org.quartz.scheduler.instanceId", instance);
        if (setting == Setting.FASTEST) {
            p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(FAST_CHECKIN.toMillis()));
        }
        QuartzContender.clusteredJobStore(p, db, "failover");
        return p;
    }
}
