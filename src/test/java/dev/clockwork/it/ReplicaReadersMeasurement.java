package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The primary's throughput with 50 concurrent API readers (docs/benchmarks.md, "Reads from a replica"), on two
 * "hosts" made of this machine's two CPUs ({@link CpuPin}): CPU 0 runs the PostgreSQL primary and the engine node,
 * a Payara Micro that claims and runs the work; CPU 1 runs the hot standby ({@link PostgresStandby}), a console node
 * ({@code clockwork.workers=0}) that serves the readers, and this test. The workload: {@link #TASKS} no-op tasks
 * {@code every 1s}, more than one engine core runs, so each phase measures the engine's capacity: the executions that
 * succeeded in its {@link #WINDOW}, per second. Phases, {@link #ROUNDS} of each: no readers and 50 readers listing
 * tasks and a task's executions on the replica, in turn; then the same readers with the standby stopped, so that
 * every read goes to the primary. Not part
 * of the suite (no {@code IT} suffix): {@code mvn verify -Dit.test=ReplicaReadersMeasurement -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.wildfly.skip=true -Dit.payara-server.skip=true}; it writes
 * {@code target/replica-readers.txt}.
 */
class ReplicaReadersMeasurement {

    private static final String PASSWORD = "replica-bench-password";
    private static final int TASKS = 6000;
    private static final int READERS = 50;
    private static final int ROUNDS = 3;
    private static final Duration WINDOW = Duration.ofSeconds(20);
    /** Readers start, and the engine settles at its rate with them, before the window opens. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Path REPORT = Path.of("target", "replica-readers.txt");

    @Test
    void measure_throughput_without_readers_with_readers_on_the_replica_and_on_the_primary() throws Exception {
        Optional<Path> bin = PostgresStandby.binaries();
        assumeTrue(bin.isPresent(), "No PostgreSQL server binaries under /usr/lib/postgresql");
        assumeTrue(CpuPin.available(2), "Needs two CPUs and taskset");
        Path postboot = Path.of("target", "replica-postboot.asadmin").toAbsolutePath();
        Path config = Path.of(System.getProperty("clockwork.server-config"));
        Files.writeString(postboot, Files.readString(config.resolve("postgresql.asadmin")) + "\n"
                + Files.readString(config.resolve("postgresql-read.asadmin")));
        Files.writeString(REPORT, "");
        try (PostgresStandby databases = PostgresStandby.start(bin.get())) {
            Map<String, String> environment = Map.of("CLOCKWORK_DB_URL", databases.primaryUrl(),
                    "CLOCKWORK_DB_USER", PostgresStandby.USER, "CLOCKWORK_DB_PASSWORD", PostgresStandby.PASSWORD,
                    "CLOCKWORK_READ_DB_URL", databases.standbyUrl());
            Path war = Path.of(System.getProperty("clockwork.war"));
            List<MicroProcess> nodes = MicroProcess.startAll(List.of(
                    new MicroProcess.Options("replica-bench-engine", war, PASSWORD, postboot, environment, List.of()),
                    new MicroProcess.Options("replica-bench-console", war, PASSWORD, postboot, environment,
                            List.of("-Dclockwork.workers=0"))));
            try {
                // This JVM first: pinning a process pins the processes it started, the nodes among them.
                CpuPin.pin(ProcessHandle.current().pid(), 1);
                CpuPin.pin(databases.primaryPid(), 0);
                CpuPin.pin(nodes.get(0).pid(), 0);
                CpuPin.pin(databases.standbyPid(), 1);
                CpuPin.pin(nodes.get(1).pid(), 1);
                report(String.format("CPUs: primary %s, engine node %s; standby %s, console node %s, readers %s",
                        CpuPin.allowed(databases.primaryPid()), CpuPin.allowed(nodes.get(0).pid()),
                        CpuPin.allowed(databases.standbyPid()), CpuPin.allowed(nodes.get(1).pid()),
                        CpuPin.allowed(ProcessHandle.current().pid())));
                measure(databases, nodes.get(1));
            } finally {
                for (MicroProcess node : nodes) {
                    node.close();
                }
            }
        }
    }

    private static void measure(PostgresStandby databases, MicroProcess console) throws Exception {
        Api admin = new Api(console.base(), "admin", PASSWORD);
        Api.Reply reader = admin.post("users", "{\"username\":\"reader\",\"password\":\"Reader-password-1\","
                + "\"role\":\"clockwork-viewer\"}");
        assertThat(reader.status()).as(reader.toString()).isEqualTo(201);
        Api readers = Api.uncheckedAs(console.base(), "reader", "Reader-password-1");
        Api creator = Api.uncheckedAs(console.base(), "admin", PASSWORD);
        Poll.until(Duration.ofSeconds(60), () -> readers.get("tasks").read(), "replica"::equals,
                "the replica to be in use");
        createTasks(creator);
        IntFunction<List<String>> lists = r -> List.of("tasks?limit=50", "tasks/bench." + r + "/executions");
        // The control: the same 50 clients on the same CPU, asking for the open liveness probe, which reads no
        // database: what a busy second CPU costs the first one on this machine, with no database work at all.
        Api anonymous = Api.unchecked(console.base());
        IntFunction<List<String>> live = r -> List.of("health/live");
        phase("warm-up", readers, 0, lists, databases);
        List<Double> none = new ArrayList<>();
        List<Double> control = new ArrayList<>();
        List<Double> onReplica = new ArrayList<>();
        List<Double> onPrimary = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            none.add(phase("no readers " + round, readers, 0, lists, databases));
            control.add(phase("50 clients of the liveness probe " + round, anonymous, READERS, live, databases));
            onReplica.add(phase("50 readers on the replica " + round, readers, READERS, lists, databases));
        }
        databases.stopStandby();
        for (int round = 1; round <= ROUNDS; round++) {
            onPrimary.add(phase("50 readers on the primary (standby stopped) " + round, readers, READERS, lists,
                    databases));
        }
        double base = median(none);
        report(String.format(java.util.Locale.ROOT, "executions/s, median of %d: no readers %.0f; liveness clients"
                + " %.0f (%+.1f%%); readers on the replica %.0f (%+.1f%%); readers on the primary %.0f (%+.1f%%)",
                ROUNDS, base, median(control), 100 * (median(control) / base - 1), median(onReplica),
                100 * (median(onReplica) / base - 1), median(onPrimary), 100 * (median(onPrimary) / base - 1)));
        databases.startStandby();
    }

    private static double median(List<Double> rates) {
        List<Double> sorted = rates.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void createTasks(Api admin) throws Exception {
        ExecutorService creators = Executors.newFixedThreadPool(4);
        List<Future<?>> created = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            String task = "bench." + i;
            created.add(creators.submit(() -> admin.createTask(task, "every 1s", "noop", "{}")));
        }
        for (Future<?> each : created) {
            each.get();
        }
        creators.shutdown();
    }

    /** One phase: starts the readers, lets the engine settle, and returns its executions per second in the window. */
    private static double phase(String name, Api readers, int readerCount, IntFunction<List<String>> paths,
                                PostgresStandby databases) throws Exception {
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        AtomicLong onReplica = new AtomicLong();
        ExecutorService readerThreads = Executors.newFixedThreadPool(Math.max(1, readerCount));
        for (int r = 0; r < readerCount; r++) {
            List<String> own = paths.apply(r);
            readerThreads.submit(() -> {
                while (reading.get()) {
                    for (String path : own) {
                        Api.Reply reply = readers.get(path);
                        reads.incrementAndGet();
                        if ("replica".equals(reply.read())) {
                            onReplica.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        try {
            Poll.pause(SETTLE);
            Instant from = Instant.now();
            long readsBefore = reads.get();
            long onReplicaBefore = onReplica.get();
            Poll.pause(WINDOW);
            Instant to = Instant.now();
            long during = reads.get() - readsBefore;
            long replicaDuring = onReplica.get() - onReplicaBefore;
            // Runs that ended in the window are recorded within a second or two of their end.
            Poll.pause(Duration.ofSeconds(3));
            double seconds = Duration.between(from, to).toNanos() / 1e9;
            double rate = succeeded(databases, from, to) / seconds;
            report(String.format(java.util.Locale.ROOT, "%s: %.0f executions/s over %.1f s; %.0f reads/s, %d%% of"
                    + " them on the replica", name, rate, seconds, during / seconds,
                    during == 0 ? 0 : 100 * replicaDuring / during));
            return rate;
        } finally {
            reading.set(false);
            readerThreads.shutdown();
            readerThreads.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    /** How many executions succeeded with a finish in [from, to), read on the primary. */
    private static long succeeded(PostgresStandby databases, Instant from, Instant to) {
        try (Connection connection = DriverManager.getConnection(databases.primaryUrl(), PostgresStandby.USER,
                PostgresStandby.PASSWORD);
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM cw_execution WHERE"
                     + " status = 'SUCCEEDED' AND finished_at >= ? AND finished_at < ?")) {
            count.setLong(1, ChronoUnit.MICROS.between(Instant.EPOCH, from));
            count.setLong(2, ChronoUnit.MICROS.between(Instant.EPOCH, to));
            ResultSet row = count.executeQuery();
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError("Cannot read the primary: " + e.getMessage(), e);
        }
    }

    private static synchronized void report(String line) throws Exception {
        System.out.println("ReplicaReadersMeasurement: " + line);
        Files.writeString(REPORT, line + "\n", StandardOpenOption.APPEND);
    }
}
