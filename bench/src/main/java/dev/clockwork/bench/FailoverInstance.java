package dev.clockwork.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One instance of db-scheduler or Quartz in a JVM of its own, started by {@link JvmFailover} from the bench jar so
 * that it can be killed alone: {@code FailoverInstance <db-scheduler|quartz> <postgresql|mariadb> <default|fastest>
 * <instance index> <instances> <runs>}. It schedules its share of the runs (every {@code instances}-th, from its
 * index), due now, and runs whatever its scheduler gives it until it is killed.
 */
public final class FailoverInstance {

    /** How long a run sleeps: far longer than any failover measurement. */
    static final Duration RUN = Duration.ofMinutes(10);
    /**
     * Every start of a run: which process started it and when (ms since the epoch). A plain insert: counting a run's
     * earlier starts in the same statement ({@code INSERT ... SELECT}) takes shared locks on MariaDB, and two restarts
     * recorded at once deadlocked, so that a restart went unrecorded.
     */
    static final String START_TABLE = "CREATE TABLE failover_start (task_name VARCHAR(100) NOT NULL,"
            + " pid BIGINT NOT NULL, started_at BIGINT NOT NULL)";

    private static volatile Database database;

    private FailoverInstance() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            throw new IllegalArgumentException("FailoverInstance takes <db-scheduler|quartz> <postgresql|mariadb>"
                    + " <default|fastest> <instance index> <instances> <runs>, e.g. quartz postgresql fastest 0 3"
                    + " 12; the bench starts it (--workloads failover), got " + String.join(" ", args));
        }
        exitWhenTheBenchIsGone();
        FailoverSubject subject = FailoverSubject.named(args[0]);
        database = Database.named(args[1]);
        FailoverSubject.Setting setting = FailoverSubject.Setting.valueOf(args[2].toUpperCase(java.util.Locale.ROOT));
        int index = Integer.parseInt(args[3]);
        int instances = Integer.parseInt(args[4]);
        int runs = Integer.parseInt(args[5]);
        List<String> share = new ArrayList<>();
        for (int run = index; run < runs; run += instances) {
            share.add("failover-" + run);
        }
        String name = "failover-" + index + "-" + ProcessHandle.current().pid();
        subject.startInstance(database, setting, name, share);
        System.out.println(name + " scheduled " + share + " (" + subject.contender() + ", " + setting + ")");
        // The schedulers' threads do the work; this one waits to be killed.
        new CountDownLatch(1).await();
    }

    /**
     * The bench holds this process's standard input open; when it is closed, however the bench ended (even by
     * SIGKILL, when no shutdown hook runs), this process halts, so that no instance outlives its bench.
     */
    private static void exitWhenTheBenchIsGone() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // the bench writes nothing; anything read is ignored
                }
                System.err.println("The bench closed this failover instance's standard input (it ended); halting");
            } catch (IOException e) {
                System.err.println("Reading standard input failed (" + e + "); the bench is taken as gone, halting");
            }
            Runtime.getRuntime().halt(3);
        }, "exit-when-the-bench-is-gone");
        watch.setDaemon(true);
        watch.start();
    }

    /**
     * Called by a run as it starts: records the start (this process, now), so that the bench sees which instance runs
     * what; then sleeps for {@link #RUN}.
     */
    static void recordStartThenSleep(String task) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO failover_start (task_name, pid,"
                     + " started_at) VALUES (?, ?, ?)")) {
            insert.setString(1, task);
            insert.setLong(2, ProcessHandle.current().pid());
            insert.setLong(3, System.currentTimeMillis());
            insert.executeUpdate();
        }
        System.out.println("started " + task);
        try {
            Thread.sleep(RUN.toMillis());
        } catch (InterruptedException stopping) {
            // The scheduler is stopping: the run ends early, as a real long run would when interrupted.
            Thread.currentThread().interrupt();
        }
    }
}
