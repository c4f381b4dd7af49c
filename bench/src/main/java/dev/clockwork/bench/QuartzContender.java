package dev.clockwork.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz with its JDBC job store ({@code JobStoreTX}), clustered, tuned as its configuration guide says for many
 * short jobs: a thread per concurrent job and batch trigger acquisition up to the thread count.
 */
final class QuartzContender {

    static final int THREADS = 16;
    /** The cluster's name, which all its instances share. */
    private static final String INSTANCE_NAME = "bench";
    /**
     * Scheduling jobs through Quartz's API slows as its tables grow (72,000 jobs took 10 minutes on PostgreSQL
     * here), and it runs 20-40 of them a second on PostgreSQL, so the full mode gives Quartz this many (20,000 took
     * 21 minutes in one run, past the deadline); its rate, from first start to last finish, does not depend on the
     * count once it is this large.
     */
    static final int MAX_TASKS = 10_000;
    /** How long Quartz may take to run them; a slower run fails, as any contender that cannot finish its work. */
    private static final int DEADLINE_SECONDS = 1_200;
    private static volatile Span span = new Span();

    /** The no-op job. */
    public static final class Noop implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            Span current = span;
            current.started(context.getScheduledFireTime().toInstant());
            current.finished();
        }
    }

    /**
     * {@code instances} clustered schedulers in this JVM, as db-scheduler's instances are: Quartz keeps one scheduler
     * per name in a JVM-wide registry, and the instances of a cluster share their name, so each is taken out of the
     * registry once created (it runs on, the registry only looks schedulers up); each has a pool of its own.
     */
    Result throughput(Database db, int instances, int warmUp, int tasks) throws Exception {
        db.reset();
        db.execute(tables(db));
        List<Scheduler> schedulers = new ArrayList<>();
        try {
            for (int i = 1; i <= instances; i++) {
                schedulers.add(new StdSchedulerFactory(properties(db, "bench" + i)).getScheduler());
                SchedulerRepository.getInstance().remove(INSTANCE_NAME);
            }
            run(schedulers, "warm", warmUp);
            Span measured = run(schedulers, "bench", tasks);
            Map<String, String> settings = settings(properties(db, "bench1"), tasks + " jobs with one simple trigger"
                    + " each, due now, scheduled while the schedulers stand by" + (tasks == MAX_TASKS ? " (capped:"
                    + " scheduling more through its API takes too long)" : ""));
            settings.put("instances", instances + " clustered schedulers in one JVM, a connection pool each");
            return new Result("quartz", db.name(), instances, "throughput", measured.perSecond(), "executions/s",
                    settings);
        } finally {
            for (Scheduler scheduler : schedulers) {
                scheduler.shutdown(true);
            }
        }
    }

    /** One instance, default timing; one-off jobs due evenly over {@code spread}, scheduled while it runs. */
    List<Result> lateness(Database db, int count, Duration spread) throws Exception {
        db.reset();
        db.execute(tables(db));
        Properties properties = properties(db, "bench1");
        Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
        try {
            scheduler.start();
            Span current = new Span();
            span = current;
            schedule(scheduler, "late", count, Instant.now().plusSeconds(3), spread);
            current.await(count, 600, "Quartz");
            return Lateness.results("quartz", db.name(), current.latenessMs(), settings(properties, count
                    + " one-off simple triggers due evenly over " + spread.toSeconds() + " s"));
        } finally {
            scheduler.shutdown(true);
        }
    }

    /** Schedules {@code count} jobs due now while the schedulers stand by, then starts them and waits for them. */
    private static Span run(List<Scheduler> schedulers, String prefix, int count) throws Exception {
        Span current = new Span();
        span = current;
        for (Scheduler scheduler : schedulers) {
            scheduler.standby();
        }
        schedule(schedulers.get(0), prefix, count, Instant.now(), Duration.ZERO);
        for (Scheduler scheduler : schedulers) {
            scheduler.start();
        }
        current.await(count, DEADLINE_SECONDS, "Quartz");
        return current;
    }

    private static void schedule(Scheduler scheduler, String prefix, int count, Instant first, Duration spread)
            throws Exception {
        long step = count > 1 ? spread.toNanos() / (count - 1) : 0;
        Map<JobDetail, Set<? extends Trigger>> jobs = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            JobDetail job = JobBuilder.newJob(Noop.class).withIdentity(prefix + "-" + i).build();
            jobs.put(job, Set.of(TriggerBuilder.newTrigger().withIdentity(prefix + "-" + i)
                    .startAt(Date.from(first.plusNanos(i * step))).build()));
            if (jobs.size() == 1000) {
                scheduler.scheduleJobs(jobs, false);
                jobs.clear();
            }
        }
        scheduler.scheduleJobs(jobs, false);
    }

    /** The settings written beside a result: Quartz's properties (no password), its version and the tasks. */
    static Map<String, String> settings(Properties properties, String tasks) {
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().filter(key -> !key.contains("password")).sorted()
                .forEach(key -> settings.put(key, properties.getProperty(key)));
        settings.put("version", "2.5.2");
        settings.put("tasks", tasks);
        return settings;
    }

    private static Properties properties(Database db, String pool) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", INSTANCE_NAME);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // A backlog older than the misfire threshold (60 s by default) goes through misfire handling, 20 triggers at
        // a time: with 20,000 due at once that dropped Quartz to 13 executions/s. Its documented remedy for bursts
        // is a larger threshold.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "3600000");
        clusteredJobStore(p, db, pool);
        return p;
    }

    /**
     * What every Quartz instance of the bench has: {@code THREADS} threads, the clustered JDBC job store with the
     * database's delegate, and its pool, {@code pool}: Hikari, {@code THREADS + 4} connections.
     */
    static void clusteredJobStore(Properties p, Database db, String pool) {
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", db.isPostgres()
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.dataSource", pool);
        String source = "org.quartz.dataSource." + pool + ".";
        p.setProperty(source + "provider", "hikaricp");
        p.setProperty(source + "driver", db.isPostgres() ? "org.postgresql.Driver" : "com.mysql.cj.jdbc.Driver");
        p.setProperty(source + "URL", db.url());
        p.setProperty(source + "user", db.user());
        p.setProperty(source + "password", db.password());
        p.setProperty(source + "maxConnections", Integer.toString(THREADS + 4));
    }

    /** Quartz's own table script for the database, from its jar. */
    static String[] tables(Database db) throws IOException {
        String script = db.isPostgres() ? "tables_postgres.sql" : "tables_mysql_innodb.sql";
        try (InputStream in = Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/" + script)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> statements = Arrays.stream(text.split(";"))
                    .map(statement -> statement.lines().filter(line -> !line.startsWith("--")
                            && !line.startsWith("#")).reduce("", (a, b) -> a + "\n" + b).strip())
                    .filter(statement -> !statement.isEmpty() && !statement.equalsIgnoreCase("commit"))
                    .toList();
            return statements.toArray(String[]::new);
        }
    }
}
