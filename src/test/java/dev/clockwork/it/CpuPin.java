package dev.clockwork.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pins processes to one CPU with {@code taskset}, so that a measurement on one machine can give two "hosts" a core
 * each. Threads and processes started later by a pinned process inherit its CPU; those that run already are pinned
 * here with it, children included.
 */
final class CpuPin {

    private CpuPin() {
    }

    /** Whether this machine has at least {@code cpus} CPUs and {@code taskset}. */
    static boolean available(int cpus) {
        return Runtime.getRuntime().availableProcessors() >= cpus && Files.isExecutable(Path.of("/usr/bin/taskset"));
    }

    /** Pins {@code pid}, every thread of it and every process below it to {@code cpu}. */
    static void pin(long pid, int cpu) throws IOException, InterruptedException {
        run("taskset", "-a", "-p", "-c", Integer.toString(cpu), Long.toString(pid));
        for (long child : children(pid)) {
            pin(child, cpu);
        }
    }

    /** The CPUs {@code pid} may run on, as {@code /proc} lists them, e.g. "0" or "0-1". */
    static String allowed(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("Cpus_allowed_list:")).map(line -> line.split(":")[1].trim())
                .findFirst().orElse("?");
    }

    private static List<Long> children(long pid) throws IOException {
        List<Long> children = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                Path list = task.resolve("children");
                if (Files.exists(list)) {
                    for (String child : Files.readString(list).trim().split("\\s+")) {
                        if (!child.isEmpty()) {
                            children.add(Long.parseLong(child));
                        }
                    }
                }
            }
        }
        return children;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }
}
