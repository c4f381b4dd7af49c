package dev.clockwork.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs every contender on every database, one after another on the same machine, and writes
 * {@code bench/target/bench/summary.json} and {@code results.md}.
 *
 * <p>{@code java -jar bench/target/bench.jar [--mode quick|full] [--db postgresql,mariadb]
 * [--contenders limit,db-scheduler,quartz,clockwork] [--workloads throughput,lateness,scale,failover] [--tasks N]
 * [--node-java-options "-XX:..."] [--project .]} ({@code --help} prints them).
 */
public final class Bench {

    private Bench() {
    }

    /**
     * Sizes of a mode.
     *
     * @param tasks measured throughput tasks
     * @param warmUp unmeasured warm-up tasks before them
     * @param latenessTasks one-off tasks of the lateness run, due evenly over {@code latenessSpread}
     * @param scaleDue due tasks of each scale step, due {@code scaleDueIn} after they are written
     * @param scaleFuture the numbers of future tasks in the table, one scale step each
     * @param failoverTasks long runs shared by three nodes when one is killed
     * @param defaultFailover whether three nodes run twice, with the default settings (throughput, failover) and with
     *     the fastest safe ones (failover); otherwise once, with the fastest safe settings, for both. The same for
     *     db-scheduler's and Quartz's failover: both settings, or only the fastest
     */
    record Mode(String name, int tasks, int warmUp, int latenessTasks, Duration latenessSpread, int scaleDue,
                Duration scaleDueIn, List<Integer> scaleFuture, int failoverTasks, boolean defaultFailover) {
        static Mode of(String name) {
            return switch (name) {
                case "quick" -> new Mode(name, 2_000, 200, 200, Duration.ofSeconds(5), 500, Duration.ofSeconds(5),
                        List.of(1_000, 10_000), 12, false);
                case "full" -> new Mode(name, 100_000, 2_000, 1_000, Duration.ofSeconds(60), 10_000,
                        Duration.ofSeconds(30), List.of(10_000, 100_000, 1_000_000), 12, true);
                default -> throw new IllegalArgumentException("--mode is quick or full, not " + name);
            };
        }

        /** The settings db-scheduler's and Quartz's failover is measured with in this mode. */
        List<FailoverSubject.Setting> failoverSettings() {
            return defaultFailover ? List.of(FailoverSubject.Setting.DEFAULT, FailoverSubject.Setting.FASTEST)
                    : List.of(FailoverSubject.Setting.FASTEST);
        }

        /** The mode with another number of unmeasured warm-up tasks ({@code --warm-up}). */
        Mode withWarmUp(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("--warm-up must be at least 0, not " + count);
            }
            return new Mode(name, tasks, count, latenessTasks, latenessSpread, scaleDue, scaleDueIn, scaleFuture,
                    failoverTasks, defaultFailover);
        }

        /** The mode with another number of measured throughput tasks ({@code --tasks}). */
        Mode withTasks(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("--tasks must be at least 1, not " + count);
            }
            return new Mode(name, count, warmUp, latenessTasks, latenessSpread, scaleDue, scaleDueIn, scaleFuture,
                    failoverTasks, defaultFailover);
        }
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(Options.USAGE);
            return;
        }
        Map<String, String> options = Options.parse(args);
        Mode chosen = Mode.of(options.getOrDefault("mode", "quick"));
        Mode sized = options.containsKey("tasks") ? chosen.withTasks(Integer.parseInt(options.get("tasks"))) : chosen;
        Mode mode = options.containsKey("warm-up") ? sized.withWarmUp(Integer.parseInt(options.get("warm-up")))
                : sized;
        Path project = Path.of(options.getOrDefault("project", ".")).toAbsolutePath().normalize();
        Path out = project.resolve("bench/target/bench");
        Files.createDirectories(out);
        List<Database> databases = new ArrayList<>();
        for (String name : options.getOrDefault("db", "postgresql,mariadb").split(",")) {
            databases.add(Database.named(name));
        }
        List<String> contenders = List.of(options.getOrDefault("contenders", "limit,db-scheduler,quartz,clockwork")
                .split(","));
        for (String contender : contenders) {
            if (!List.of("limit", "db-scheduler", "quartz", "clockwork").contains(contender)) {
                throw new IllegalArgumentException("--contenders takes limit, db-scheduler, quartz and/or clockwork,"
                        + " not " + contender);
            }
        }
        List<String> workloads = List.of(options.getOrDefault("workloads", String.join(",", Options.WORKLOADS))
                .split(","));
        for (String workload : workloads) {
            if (!Options.WORKLOADS.contains(workload)) {
                throw new IllegalArgumentException("--workloads takes " + String.join(", ", Options.WORKLOADS)
                        + " (any of them), not " + workload);
            }
        }
        List<String> nodes = List.of(options.getOrDefault("nodes", "1,3").split(","));
        for (String count : nodes) {
            if (!List.of("1", "3").contains(count)) {
                throw new IllegalArgumentException("--nodes takes 1 and/or 3 (Clockwork's node counts), not " + count);
            }
        }
        List<Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        ClockworkContender clockwork = new ClockworkContender(project, out.resolve("logs"),
                options.containsKey("node-java-options") ? List.of(options.get("node-java-options").split(" "))
                        : List.of());
        JvmFailover failover = new JvmFailover(out.resolve("logs"));
        for (Database db : databases) {
            if (contenders.contains("limit") && workloads.contains("throughput")) {
                measure(results, failures, "limit on " + db.name(),
                        () -> List.of(new LimitContender().throughput(db, mode.warmUp(), mode.tasks())));
            }
            if (contenders.contains("db-scheduler") && workloads.contains("throughput")) {
                for (DbSchedulerContender.Polling polling : DbSchedulerContender.Polling.values()) {
                    if (polling == DbSchedulerContender.Polling.LOCK_AND_FETCH && !db.isPostgres()) {
                        System.out.println("== db-scheduler lock-and-fetch on " + db.name() + ": not offered by"
                                + " db-scheduler on MariaDB");
                        continue;
                    }
                    for (int instances : new int[] {1, 3}) {
                        measure(results, failures, "db-scheduler " + polling + " x" + instances + " on " + db.name(),
                                () -> List.of(new DbSchedulerContender().throughput(db, instances, polling,
                                        mode.warmUp(), mode.tasks())));
                    }
                }
            }
            if (contenders.contains("db-scheduler") && workloads.contains("lateness")) {
                // Lateness with the strategy db-scheduler recommends where the database has SKIP LOCKED.
                DbSchedulerContender.Polling polling = db.isPostgres() ? DbSchedulerContender.Polling.LOCK_AND_FETCH
                        : DbSchedulerContender.Polling.FETCH_AND_LOCK_ON_EXECUTE;
                measure(results, failures, "db-scheduler lateness on " + db.name(),
                        () -> new DbSchedulerContender().lateness(db, polling, mode.latenessTasks(),
                                mode.latenessSpread()));
            }
            if (contenders.contains("db-scheduler") && workloads.contains("failover")) {
                failover(results, failures, failover, db, new DbSchedulerFailover(), mode);
            }
            if (contenders.contains("quartz") && workloads.contains("throughput")) {
                for (int instances : new int[] {1, 3}) {
                    measure(results, failures, "quartz x" + instances + " on " + db.name(),
                            () -> List.of(new QuartzContender().throughput(db, instances, mode.warmUp(),
                                    Math.min(mode.tasks(), QuartzContender.MAX_TASKS))));
                }
            }
            if (contenders.contains("quartz") && workloads.contains("lateness")) {
                measure(results, failures, "quartz lateness on " + db.name(),
                        () -> new QuartzContender().lateness(db, mode.latenessTasks(), mode.latenessSpread()));
            }
            if (contenders.contains("quartz") && workloads.contains("failover")) {
                failover(results, failures, failover, db, new QuartzFailover(), mode);
            }
            // Clockwork's runs measure their workloads together (a node start is dear): each runs when any of its
            // workloads is asked for.
            if (contenders.contains("clockwork") && nodes.contains("1")
                    && (workloads.contains("throughput") || workloads.contains("lateness")
                    || workloads.contains("scale"))) {
                measure(results, failures, "clockwork x1 on " + db.name() + " (throughput, lateness, scale)",
                        () -> clockwork.oneNode(db, mode));
            }
            if (contenders.contains("clockwork") && nodes.contains("3")
                    && (workloads.contains("throughput") || workloads.contains("failover"))) {
                if (mode.defaultFailover()) {
                    measure(results, failures, "clockwork x3 on " + db.name() + " (throughput, failover with"
                            + " default settings)", () -> clockwork.threeNodes(db, mode));
                    measure(results, failures, "clockwork x3 on " + db.name() + " (failover, fastest safe settings)",
                            () -> List.of(clockwork.fastFailover(db, mode)));
                } else {
                    measure(results, failures, "clockwork x3 on " + db.name() + " (throughput and failover, fastest"
                            + " safe settings)", () -> clockwork.threeNodesFast(db, mode));
                }
            }
        }
        Files.writeString(out.resolve("summary.json"), Report.summary(mode, databases, results, failures));
        Files.writeString(out.resolve("results.md"), Report.table(mode, results));
        Chart.throughput(results, out.resolve("throughput.png"));
        System.out.println(Report.table(mode, results));
        System.out.println("Wrote " + out.resolve("summary.json"));
        if (!failures.isEmpty()) {
            System.err.println("FAILED: " + String.join("; ", failures));
            System.exit(1);
        }
    }

    /** One measurement per setting the mode asks for, each with three fresh instance JVMs. */
    private static void failover(List<Result> results, List<String> failures, JvmFailover failover, Database db,
                                 FailoverSubject subject, Mode mode) {
        for (FailoverSubject.Setting setting : mode.failoverSettings()) {
            measure(results, failures, subject.key() + " x" + JvmFailover.INSTANCES + " JVMs on " + db.name()
                    + " (failover, " + setting.name().toLowerCase(Locale.ROOT) + " settings)",
                    () -> List.of(failover.measure(db, subject, setting, mode.failoverTasks())));
        }
    }

    private static void measure(List<Result> results, List<String> failures, String what,
                                Callable<List<Result>> run) {
        System.out.println("== " + what);
        long start = System.nanoTime();
        try {
            for (Result result : run.call()) {
                System.out.printf(Locale.ROOT, "   %s: %s%.1f %s%n", result.workload(), result.isLowerBound() ? ">"
                        : "", result.value(), result.unit());
                results.add(result);
            }
        } catch (Exception e) {
            e.printStackTrace();
            failures.add(what + ": " + e);
        }
        System.out.printf(Locale.ROOT, "   (%.0f s)%n", (System.nanoTime() - start) / 1e9);
    }
}
