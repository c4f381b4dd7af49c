package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The primary's throughput with 50 concurrent API readers (docs/benchmarks.md, "Reads from a replica"): one Payara
 * Micro on a PostgreSQL primary with its hot standby ({@link PostgresStandby}); in each phase {@link #TASKS} no-op
 * tasks are all due at one instant and the phase measures executions per second from that instant to the last
 * recorded finish. Phases: no readers; 50 readers listing tasks and a task's executions, on the replica; the same
 * readers with the standby stopped, so every read goes to the primary. Not part of the suite (no {@code IT} suffix):
 * {@code mvn verify -Dit.test=ReplicaReadersMeasurement -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.wildfly.skip=true}; it writes {@code target/replica-readers.txt}.
 */
class ReplicaReadersMeasurement {

    private static final String PASSWORD = "replica-bench-password";
    private static final int TASKS = 3000;
    private static final int READERS = 50;
    private static final Duration LEAD = Duration.ofSeconds(45);
    private static final Path REPORT = Path.of("target", "replica-readers.txt");

    @Test
    void measure_throughput_without_readers_with_readers_on_the_replica_and_on_the_primary() throws Exception {
        Optional<Path> bin = PostgresStandby.binaries();
        assumeTrue(bin.isPresent(), "No PostgreSQL server binaries under /usr/lib/postgresql");
        Path postboot = Path.of("target", "replica-postboot.asadmin").toAbsolutePath();
        Path config = Path.of(System.getProperty("clockwork.server-config"));
        Files.writeString(postboot, Files.readString(config.resolve("postgresql.asadmin")) + "\n"
                + Files.readString(config.resolve("postgresql-read.asadmin")));
        Files.writeString(REPORT, "");
        try (PostgresStandby databases = PostgresStandby.start(bin.get());
             MicroProcess node = MicroProcess.start(new MicroProcess.Options("replica-bench",
                     Path.of(System.getProperty("clockwork.war")), PASSWORD, postboot, Map.of(
                             "CLOCKWORK_DB_URL", databases.primaryUrl(),
                             "CLOCKWORK_DB_USER", PostgresStandby.USER,
                             "CLOCKWORK_DB_PASSWORD", PostgresStandby.PASSWORD,
                             "CLOCKWORK_READ_DB_URL", databases.standbyUrl()), List.of()))) {
            Api admin = new Api(node.base(), "admin", PASSWORD);
            Api.Reply reader = admin.post("users", "{\"username\":\"reader\",\"password\":\"Reader-password-1\","
                    + "\"role\":\"clockwork-viewer\"}");
            assertThat(reader.status()).as(reader.toString()).isEqualTo(201);
            Api readers = Api.uncheckedAs(node.base(), "reader", "Reader-password-1");
            Api creator = Api.uncheckedAs(node.base(), "admin", PASSWORD);
            Poll.until(Duration.ofSeconds(60), () -> readers.get("tasks").read(), "replica"::equals,
                    "the replica to be in use");
            phase("warm-up", creator, readers, 0, databases);
            double none = phase("no readers", creator, readers, 0, databases);
            double onReplica = phase("50 readers on the replica", creator, readers, READERS, databases);
            databases.stopStandby();
            double onPrimary = phase("50 readers on the primary (standby stopped)", creator, readers, READERS,
                    databases);
            report(String.format(java.util.Locale.ROOT, "executions/s: no readers %.0f; readers on the replica %.0f"
                    + " (%+.1f%%); readers on the primary %.0f (%+.1f%%)", none, onReplica,
                    100 * (onReplica / none - 1), onPrimary, 100 * (onPrimary / none - 1)));
            databases.startStandby();
        }
    }

    /** One phase: creates the tasks, starts the readers before the fire time, returns executions per second. */
    private static double phase(String name, Api admin, Api readers, int readerCount, PostgresStandby databases)
            throws Exception {
        String prefix = "bench." + name.replaceAll("\\W+", "-") + ".";
        Instant fireAt = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
        ExecutorService creators = Executors.newFixedThreadPool(4);
        List<Future<?>> created = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            String task = prefix + i;
            created.add(creators.submit(() -> admin.createTask(task, "at " + fireAt, "noop", "{}")));
        }
        for (Future<?> each : created) {
            each.get();
        }
        creators.shutdown();
        assertThat(Instant.now()).as("all tasks created before their fire time").isBefore(fireAt.minusSeconds(5));
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        AtomicLong onReplica = new AtomicLong();
        ExecutorService readerThreads = Executors.newFixedThreadPool(Math.max(1, readerCount));
        for (int r = 0; r < readerCount; r++) {
            String own = prefix + r;
            readerThreads.submit(() -> {
                while (reading.get()) {
                    for (String path : List.of("tasks?limit=50", "tasks/" + own + "/executions")) {
                        Api.Reply reply = readers.get(path);
                        reads.incrementAndGet();
                        if (reply.read().equals("replica")) {
                            onReplica.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        long readsBefore;
        try {
            Poll.pause(Duration.between(Instant.now(), fireAt.minusSeconds(2)));
            readsBefore = reads.get();
            long startNanos = System.nanoTime();
            Instant last = Poll.until(Duration.ofMinutes(5), () -> finished(databases, prefix),
                    done -> done.isPresent(), "every fire of " + name + " to be recorded").get();
            double seconds = Duration.between(fireAt, last).toNanos() / 1e9;
            double rate = TASKS / seconds;
            long during = reads.get() - readsBefore;
            report(String.format(java.util.Locale.ROOT, "%s: %d executions in %.2f s = %.0f/s; %d reads while"
                    + " measuring (%.0f/s), %d%% of all reads on the replica", name, TASKS, seconds, rate, during,
                    during / ((System.nanoTime() - startNanos) / 1e9 + 2), reads.get() == 0 ? 0
                            : 100 * onReplica.get() / reads.get()));
            return rate;
        } finally {
            reading.set(false);
            readerThreads.shutdown();
            readerThreads.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    /** The last finish of the phase's executions once all succeeded, read on the primary. */
    private static Optional<Instant> finished(PostgresStandby databases, String prefix) {
        try (Connection connection = DriverManager.getConnection(databases.primaryUrl(), PostgresStandby.USER,
                PostgresStandby.PASSWORD)) {
            ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*), MAX(e.finished_at) FROM"
                    + " cw_execution e JOIN cw_task t ON t.id = e.task_id WHERE t.name LIKE '" + prefix + "%'"
                    + " AND e.status = 'SUCCEEDED'");
            row.next();
            return row.getLong(1) < TASKS ? Optional.empty()
                    : Optional.of(Instant.EPOCH.plus(row.getLong(2), ChronoUnit.MICROS));
        } catch (SQLException e) {
            throw new AssertionError("Cannot read the primary: " + e.getMessage(), e);
        }
    }

    private static synchronized void report(String line) throws Exception {
        System.out.println("ReplicaReadersMeasurement: " + line);
        Files.writeString(REPORT, line + "\n", StandardOpenOption.APPEND);
    }
}
