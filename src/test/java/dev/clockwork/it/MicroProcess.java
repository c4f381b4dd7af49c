package dev.clockwork.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Payara Micro process running the built WAR, started the way the README's run command starts it, for tests
 * that stop, kill or restart servers. Its output goes to a log file under {@code target/}.
 */
public final class MicroProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final Process process;
    private final int port;
    private final Path log;

    private MicroProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Container failures in the server's log that mean the engine's threads run with a broken context: Payara's
     * invocation stack left unbalanced, or the container's entity manager closed under a running call.
     */
    public static final List<String> CONTEXT_FAILURES = List.of("No invocation on invocation stack",
            "postInvoke not called with top of the invocation stack", "operation on a closed EntityManager");

    /** The lines of the server's log that contain one of {@code texts}. */
    public List<String> logLinesContaining(List<String> texts) throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> texts.stream().anyMatch(line::contains)).toList();
        }
    }

    /** Starts a server on a free port with its H2 database in {@code dataDir}, and waits until it is healthy. */
    public static MicroProcess start(String name, Path dataDir, String adminPassword) throws IOException {
        Files.createDirectories(dataDir);
        return start(new Options(name, Path.of(property("clockwork.war")), adminPassword,
                Path.of(property("clockwork.postboot")), Map.of(),
                List.of("-Dclockwork.data.dir=" + dataDir.toAbsolutePath())));
    }

    /**
     * How to start a server.
     *
     * @param postboot asadmin commands run after boot (the data source), or null for none
     * @param environment extra environment variables, e.g. {@code CLOCKWORK_DB_URL}
     * @param jvmOptions extra JVM options, e.g. {@code -Dclockwork.dead-after=PT10S}
     */
    public record Options(String name, Path war, String adminPassword, Path postboot, Map<String, String> environment,
                          List<String> jvmOptions) {
    }

    /** Starts a server as {@code options} say, on a free port, and waits until it is healthy. */
    public static MicroProcess start(Options options) throws IOException {
        int port = freePort();
        Path log = Path.of("target", "micro-" + options.name() + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m",
                "-Dclockwork.admin.password=" + options.adminPassword(), "-Dhazelcast.socket.bind.any=false"));
        command.addAll(options.jvmOptions());
        command.addAll(List.of("-jar", property("payara.microJar"),
                "--deploy", options.war().toString(), "--contextroot", "clockwork",
                "--port", Integer.toString(port), "--nocluster", "--prebootcommandfile", property("clockwork.preboot"),
                "--addlibs", property("clockwork.drivers")));
        if (options.postboot() != null) {
            command.addAll(List.of("--postbootcommandfile", options.postboot().toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(options.environment());
        MicroProcess micro = new MicroProcess(builder.start(), port, log);
        micro.awaitHealthy();
        return micro;
    }

    /**
     * Starts a server for each of {@code options} at once, and waits until all are healthy. When one fails to start,
     * the others are stopped before its failure is thrown: a server left behind would load the machine for the next
     * tests.
     */
    public static List<MicroProcess> startAll(List<Options> options) throws Exception {
        ExecutorService starter = Executors.newFixedThreadPool(options.size());
        try {
            List<Future<MicroProcess>> starting = new ArrayList<>();
            for (Options node : options) {
                starting.add(starter.submit(() -> start(node)));
            }
            List<MicroProcess> started = new ArrayList<>();
            ExecutionException failure = null;
            for (Future<MicroProcess> node : starting) {
                try {
                    started.add(node.get());
                } catch (ExecutionException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                for (MicroProcess node : started) {
                    node.close();
                }
                throw failure;
            }
            return started;
        } finally {
            starter.shutdown();
        }
    }

    /** The operating system's id of the server process. */
    public long pid() {
        return process.pid();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/clockwork/");
    }

    /** Shuts down as an admin would (SIGTERM) and waits for the process to end. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("Payara Micro did not stop within 60 s of SIGTERM; see " + log);
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitHealthy() {
        Api api = Api.unchecked(base());
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Payara Micro exited with " + process.exitValue() + "; see " + log);
            }
            if (isUp(api)) {
                return;
            }
            Poll.pause(Duration.ofMillis(500));
        }
        process.destroyForcibly();
        throw new AssertionError("Payara Micro was not healthy within " + STARTUP + "; see " + log);
    }

    private static boolean isUp(Api api) {
        try {
            return api.get("health").status() == 200;
        } catch (AssertionError connectionRefused) {
            return false;
        }
    }

    private static String property(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("System property " + key + " is not set; run the test through Maven"
                    + " (mvn verify), which sets it");
        }
        return value;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A port no process listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
