package dev.clockwork.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Failover of db-scheduler and Quartz, defined as Clockwork's: three instances on one database, each in a JVM of its
 * own ({@link FailoverInstance}, started from the bench jar); long runs shared by them; once all run, the instance
 * running the most is killed with SIGKILL; seconds from the kill until the last of its runs started again on another
 * instance. Every start is recorded by the run itself in {@code failover_start}, in the instances' clock (the
 * machine's, the bench's too).
 */
final class JvmFailover {

    static final int INSTANCES = 3;
    /**
     * How long the bench waits for the restarts. db-scheduler's defaults take tens of minutes by their own rule; the
     * bench does not wait for that, it records the wait as a lower bound (with the time the rule gives).
     */
    static final Duration CAP = Duration.ofSeconds(90);
    private static final Duration ALL_RUNNING = Duration.ofSeconds(60);
    /** Linux's exit status of a process killed by SIGKILL (128 + 9): proof that the kill was not a polite one. */
    private static final int KILLED = 137;

    private final Path logs;

    JvmFailover(Path logs) {
        this.logs = logs;
    }

    Result measure(Database db, FailoverSubject subject, FailoverSubject.Setting setting, int runs)
            throws Exception {
        db.reset();
        subject.createTables(db);
        db.execute(FailoverInstance.START_TABLE);
        try (Instances instances = start(db, subject, setting, runs)) {
            awaitAllRunning(db, instances, runs);
            int victim = busiest(db, instances);
            long victimPid = instances.pid(victim);
            int lost = startsOf(db, victimPid);
            instances.kill(victim);
            long killedAt = System.currentTimeMillis();
            Map<String, String> settings = subject.settings(db, setting);
            settings.put("instances", INSTANCES + " JVMs (-Xmx256m) started from the bench jar, one scheduler each");
            settings.put("tasks", runs + " one-off runs sleeping " + FailoverInstance.RUN.toMinutes() + " min, each"
                    + " instance scheduling a third of them due now; " + lost + " on the killed instance");
            settings.put("kill", "SIGKILL (Process.destroyForcibly, exit status " + KILLED + ") of the instance"
                    + " running the most");
            FailoverSubject.Rule rule = subject.rule(setting);
            settings.put("rule", rule.text());
            double seconds = awaitRestarts(db, instances, subject, victimPid, lost, killedAt, rule, settings);
            int extra = count(db, "SELECT COUNT(*) FROM failover_start") - runs - lost;
            if (extra > 0) {
                settings.put("duplicateStarts", extra + " more starts than runs and restarts: a live instance's run"
                        + " was taken for dead");
            }
            return new Result(subject.contender(), db.name(), INSTANCES, setting.workload(), seconds, "s", settings);
        }
    }

    /**
     * Polls until every run of the killed instance has a later start elsewhere; returns the seconds from the kill to
     * the last of those starts. Past {@link #CAP}, when the library's own rule says the restarts cannot have come
     * yet, returns the seconds waited and marks the result a lower bound; otherwise fails.
     */
    private double awaitRestarts(Database db, Instances instances, FailoverSubject subject, long victimPid, int lost,
                                 long killedAt, FailoverSubject.Rule rule, Map<String, String> settings)
            throws Exception {
        try (Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*), MAX(restarted) FROM (SELECT"
                     + " lost.task_name, MIN(again.started_at) AS restarted FROM failover_start lost"
                     + " JOIN failover_start again ON again.task_name = lost.task_name"
                     + " AND again.started_at >= lost.started_at AND again.pid <> lost.pid"
                     + " WHERE lost.pid = ? GROUP BY lost.task_name) restarts")) {
            select.setLong(1, victimPid);
            while (true) {
                int restarted;
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    restarted = row.getInt(1);
                    if (restarted >= lost) {
                        return (row.getLong(2) - killedAt) / 1000.0;
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("Reading failover_start failed; if it no longer exists, another"
                            + " bench run reset " + db.url() + " meanwhile (run one bench at a time)", e);
                }
                instances.checkAlive();
                long waited = System.currentTimeMillis() - killedAt;
                if (waited > CAP.toMillis()) {
                    if (rule.earliest().compareTo(CAP) <= 0) {
                        throw new IllegalStateException(subject.contender() + ": " + restarted + " of the killed"
                                + " instance's " + lost + " runs started again within " + CAP.toSeconds() + " s,"
                                + " though by its rule (" + rule.text() + ") all should have; instance logs in "
                                + logs);
                    }
                    settings.put("outcome", "not restarted within " + CAP.toSeconds() + " s (" + restarted + " of "
                            + lost + "; the value is a lower bound, the seconds waited); by its documented rule it"
                            + " would take " + FailoverSubject.humane(rule.earliest()) + " to "
                            + FailoverSubject.humane(rule.latest()));
                    settings.put(Result.LOWER_BOUND, "true");
                    return waited / 1000.0;
                }
                Thread.sleep(50);
            }
        }
    }

    private void awaitAllRunning(Database db, Instances instances, int runs) throws Exception {
        long deadline = System.nanoTime() + ALL_RUNNING.toNanos();
        while (count(db, "SELECT COUNT(*) FROM failover_start") < runs) {
            instances.checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not all " + runs + " long runs started within "
                        + ALL_RUNNING.toSeconds() + " s of the instances' start; instance logs in " + logs);
            }
            Thread.sleep(100);
        }
    }

    /** The instance that started the most runs; the instances share them, and one may have started none. */
    private static int busiest(Database db, Instances instances) throws SQLException {
        int busiest = 0;
        for (int i = 1; i < instances.size(); i++) {
            if (startsOf(db, instances.pid(i)) > startsOf(db, instances.pid(busiest))) {
                busiest = i;
            }
        }
        return busiest;
    }

    private static int startsOf(Database db, long pid) throws SQLException {
        try (Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM failover_start"
                     + " WHERE pid = ?")) {
            select.setLong(1, pid);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static int count(Database db, String sql) throws SQLException {
        try (Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Starts the instances together; each schedules its share of the runs as soon as it is up. */
    private Instances start(Database db, FailoverSubject subject, FailoverSubject.Setting setting, int runs)
            throws IOException, URISyntaxException {
        Path jar = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Failover instances are started from the bench jar, but the bench runs"
                    + " from " + jar + "; build it (mvn -f bench/pom.xml package) and run java -jar"
                    + " bench/target/bench.jar");
        }
        Files.createDirectories(logs);
        Instances instances = new Instances(db);
        try {
            for (int i = 0; i < INSTANCES; i++) {
                Path log = logs.resolve("failover-" + subject.key() + "-" + db.name() + "-"
                        + setting.name().toLowerCase(Locale.ROOT) + "-" + i + ".log");
                // Standard input stays a pipe the bench holds: the instance halts when it closes.
                instances.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", jar.toString(),
                        FailoverInstance.class.getName(), subject.key(), db.name(),
                        setting.name().toLowerCase(Locale.ROOT), Integer.toString(i), Integer.toString(INSTANCES),
                        Integer.toString(runs)).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
            }
        } catch (IOException | RuntimeException e) {
            try {
                instances.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return instances;
    }

    /**
     * The instance processes of one measurement. Closing kills them and empties the database; a shutdown hook kills
     * them too if the bench is stopped first (and if the bench is killed, each halts when its standard input
     * closes).
     */
    private static final class Instances implements AutoCloseable {
        private final Database db;
        private final List<Process> processes = new ArrayList<>();
        private final List<Path> logs = new ArrayList<>();
        private final Thread hook = new Thread(this::killAll, "kill-failover-instances");

        Instances(Database db) {
            this.db = db;
            Runtime.getRuntime().addShutdownHook(hook);
        }

        void add(Process process, Path log) {
            processes.add(process);
            logs.add(log);
        }

        int size() {
            return processes.size();
        }

        long pid(int index) {
            return processes.get(index).pid();
        }

        /** Fails if an instance that was not killed on purpose has exited. */
        void checkAlive() {
            for (int i = 0; i < processes.size(); i++) {
                Process process = processes.get(i);
                if (!process.isAlive() && process.exitValue() != KILLED) {
                    throw new IllegalStateException("Failover instance " + i + " exited with status "
                            + process.exitValue() + "; see " + logs.get(i));
                }
            }
        }

        void kill(int index) throws InterruptedException {
            Process process = processes.get(index);
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Failover instance " + index + " (pid " + process.pid() + ") was"
                        + " still alive 30 s after SIGKILL");
            }
            if (process.exitValue() != KILLED) {
                throw new IllegalStateException("Failover instance " + index + " exited with status "
                        + process.exitValue() + ", not " + KILLED + " (128 + SIGKILL): it was not killed the way the"
                        + " measurement needs; see " + logs.get(index));
            }
        }

        private void killAll() {
            processes.forEach(Process::destroyForcibly);
        }

        @Override
        public void close() throws InterruptedException, SQLException {
            killAll();
            for (Process process : processes) {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Failover instance pid " + process.pid() + " was still alive 30 s"
                            + " after SIGKILL; kill it by hand (kill -9 " + process.pid() + ")");
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already shutting down: the hook runs (or ran) and kills the instances, which are dead.
                System.err.println("Shutting down while closing the failover instances: " + shuttingDown);
            }
            db.reset();
        }
    }
}
