package dev.clockwork.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly server of its own (a copy of the prepared {@code standalone/} folder under {@code target/}, ports moved
 * by an offset), set up the way the README tells an admin: the JDBC driver and {@code server-config/wildfly/}'s data
 * source script through jboss-cli, then the WAR deployed. For tests that kill and restart servers.
 */
public final class WildFlyProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final Path baseDir;
    private final int offset;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;

    private WildFlyProcess(Path baseDir, int offset, Map<String, String> environment, List<String> jvmOptions,
                           Path log) {
        this.baseDir = baseDir;
        this.offset = offset;
        this.environment = environment;
        this.jvmOptions = jvmOptions;
        this.log = log;
    }

    /**
     * Starts a new server on the database whose data source script is {@code dataSourceScript} (e.g.
     * {@code postgresql.cli}, reading {@code CLOCKWORK_DB_*} from {@code environment}), deploys {@code war} as
     * {@code clockwork.war} and waits until Clockwork is healthy.
     */
    public static WildFlyProcess start(String name, Path war, String adminPassword, String driverJar,
                                       String dataSourceScript, Map<String, String> environment,
                                       List<String> jvmOptions) throws IOException {
        Path home = home();
        int offset = freeOffset();
        Path baseDir = Path.of("target", "wildfly-" + name + "-" + offset).toAbsolutePath();
        copyTree(home.resolve("standalone"), baseDir);
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Dclockwork.admin.password=" + adminPassword);
        WildFlyProcess server = new WildFlyProcess(baseDir, offset, environment, options,
                Path.of("target", "wildfly-" + name + "-" + offset + ".log"));
        server.launch();
        server.awaitManagement();
        Path drivers = Path.of(System.getProperty("clockwork.drivers").split(":")[0]).getParent();
        server.cli("deploy " + drivers.resolve(driverJar).toAbsolutePath());
        // The prepared server's H2 data source is also its default binding (h2.cli); free it before replacing it.
        server.cli("/subsystem=ee/service=default-bindings:write-attribute(name=datasource,"
                + "value=java:jboss/datasources/ExampleDS)");
        server.cli("data-source remove --name=clockwork");
        server.cli("--file=" + Path.of(System.getProperty("clockwork.wildfly.server-config"), dataSourceScript)
                .toAbsolutePath());
        // Replacing a bound data source only takes effect after a reload (until then the old one still answers).
        server.cli("reload");
        server.awaitManagement();
        server.cli("deploy " + war.toAbsolutePath() + " --name=clockwork.war --runtime-name=clockwork.war");
        server.awaitHealthy();
        return server;
    }

    /** Starts the server again after a stop or a kill, with its configuration and deployments as they were. */
    public void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("WildFly in " + baseDir + " is still running");
        }
        launch();
        awaitHealthy();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + (8080 + offset) + "/clockwork/");
    }

    /** The operating system's id of the server's JVM (not of the script that started it). */
    public long pid() {
        return process.descendants().filter(child -> child.info().commandLine().orElse("").contains("jboss-modules"))
                .findFirst().orElseThrow(() -> new IllegalStateException("No WildFly JVM under " + process.pid()))
                .pid();
    }

    /** Kills the server's JVM at once (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    /** The lines of the server's log that contain one of {@code texts}. */
    public List<String> logLinesContaining(List<String> texts) throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> texts.stream().anyMatch(line::contains)).toList();
        }
    }

    private void launch() throws IOException {
        List<String> command = List.of(home().resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + baseDir, "-Djboss.socket.binding.port-offset=" + offset,
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_OPTS", "-Xmx512m -Djava.net.preferIPv4Stack=true "
                + String.join(" ", jvmOptions));
        // The script then forwards SIGTERM to the JVM instead of leaving it running.
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        process = builder.start();
    }

    private void cli(String command) throws IOException {
        List<String> line = new ArrayList<>(List.of(home().resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + (9990 + offset)));
        line.add(command.startsWith("--file=") ? command : "--command=" + command);
        Process cli = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!cli.waitFor(120, TimeUnit.SECONDS) || cli.exitValue() != 0) {
                cli.destroyForcibly();
                throw new AssertionError("jboss-cli failed: " + command + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted running jboss-cli " + command, e);
        }
    }

    private void awaitManagement() {
        await(() -> isListening(9990 + offset), "WildFly's management port");
    }

    private void awaitHealthy() {
        Api api = Api.unchecked(base());
        await(() -> {
            try {
                return api.get("health").status() == 200;
            } catch (AssertionError notYet) {
                return false;
            }
        }, "Clockwork on WildFly to be healthy");
    }

    private void await(java.util.function.BooleanSupplier ready, String what) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("WildFly exited with " + process.exitValue() + "; see " + log);
            }
            if (ready.getAsBoolean()) {
                return;
            }
            Poll.pause(Duration.ofMillis(500));
        }
        throw new AssertionError("Waited " + STARTUP + " for " + what + "; see " + log);
    }

    private static boolean isListening(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** A port offset whose HTTP, HTTPS, management and management HTTPS ports are all free. */
    private static int freeOffset() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(1000, 20000);
            if (Stream.of(8080, 8443, 9990, 9993).allMatch(port -> Ports.isFree(port + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("No free port offset for WildFly");
    }

    private static Path home() {
        String home = System.getProperty("wildfly.home");
        if (home == null) {
            throw new IllegalStateException("System property wildfly.home is not set; run the test through Maven");
        }
        return Path.of(home);
    }

    /** Copies the prepared configuration, leaving out what a server writes as it runs. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.startsWith("data") || relative.startsWith("tmp") || relative.startsWith("log")) {
                    continue;
                }
                Path target = to.resolve(relative);
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
