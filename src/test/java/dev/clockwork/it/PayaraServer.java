package dev.clockwork.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A Payara Server domain of a test's own: created fresh under {@code target/} in the distribution the build unpacked
 * ({@code payara.server.home}), on a free port base, and set up only by {@code server-config/payara/deploy-to-server.sh},
 * as the README tells an admin. {@link #close()} stops it, or kills it if it does not stop; so does a JVM shutdown.
 */
final class PayaraServer implements AutoCloseable {

    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(5);
    /** The ports create-domain takes from the port base: admin, HTTP(S), IIOP, JMS, JMX, OSGi, debugger, Hazelcast. */
    private static final int[] PORT_OFFSETS = {48, 80, 81, 37, 38, 39, 76, 86, 66, 9, 49, 59};

    private final Path domains;
    private final String domain;
    private final int portBase;
    private final Path log;
    private final Map<String, Duration> times = new LinkedHashMap<>();
    private final Thread killAtExit = new Thread(this::kill, "stop Payara Server domain");

    private PayaraServer(Path domains, String domain, int portBase, Path log) {
        this.domains = domains;
        this.domain = domain;
        this.portBase = portBase;
        this.log = log;
    }

    /** Creates a fresh domain {@code name} in {@code target/payara-server-<name>/} (deleted first). */
    static PayaraServer create(String name) throws IOException {
        Path dir = Path.of("target", "payara-server-" + name).toAbsolutePath();
        delete(dir);
        Files.createDirectories(dir);
        PayaraServer server = new PayaraServer(dir.resolve("domains"), name, freePortBase(), dir.resolve("asadmin.log"));
        server.timed("create-domain", () -> server.asadmin("create-domain", "--portbase",
                Integer.toString(server.portBase), "--nopassword=true", "--domaindir", server.domains.toString(), name));
        Runtime.getRuntime().addShutdownHook(server.killAtExit);
        return server;
    }

    /**
     * Starts the domain and moves everything it listens on (HTTP, HTTPS, admin, IIOP, JMX, JMS, Hazelcast) from every
     * interface to 127.0.0.1, effective at the next restart of the domain (the script's, for the driver).
     */
    void startOnLoopback() {
        timed("start-domain", () -> {
            asadmin("start-domain", "--domaindir", domains.toString(), domain);
            String config = "set configs.config.server-config.";
            String listener = config + "network-config.network-listeners.network-listener.";
            String iiop = config + "iiop-service.iiop-listener.";
            List<String> commands = List.of(listener + "http-listener-1.address=127.0.0.1",
                    listener + "http-listener-2.address=127.0.0.1", listener + "admin-listener.address=127.0.0.1",
                    iiop + "orb-listener-1.address=127.0.0.1", iiop + "SSL.address=127.0.0.1",
                    iiop + "SSL_MUTUALAUTH.address=127.0.0.1",
                    config + "admin-service.jmx-connector.system.address=127.0.0.1",
                    config + "jms-service.jms-host.default_JMS_host.host=127.0.0.1",
                    "set-hazelcast-configuration --interfaces=127.0.0.1",
                    "create-jvm-options -Dhazelcast.socket.bind.any=false");
            Path file = log.resolveSibling("loopback.asadmin");
            try {
                Files.write(file, commands);
            } catch (IOException e) {
                throw new AssertionError("Cannot write " + file + ": " + e.getMessage(), e);
            }
            asadmin("multimode", "--file", file.toString());
        });
    }

    /** {@code asadmin create-password-alias name}, the password from a file only the owner can read. */
    void createPasswordAlias(String name, String password) {
        Path file = log.resolveSibling("alias-password");
        timed("create-password-alias " + name, () -> {
            try {
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, "AS_ADMIN_ALIASPASSWORD=" + password + "\n", StandardCharsets.UTF_8);
                asadmin("--passwordfile", file.toString(), "create-password-alias", name);
                Files.delete(file);
            } catch (IOException e) {
                throw new AssertionError("Cannot write " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * {@code asadmin create-jms-resource}: a queue of the domain's broker (OpenMQ) bound to {@code jndiName}, on the
     * physical destination {@code physicalName}, which OpenMQ creates at its first use.
     */
    void createQueue(String jndiName, String physicalName) {
        timed("create-jms-resource " + jndiName, () -> asadmin("create-jms-resource", "--restype",
                "jakarta.jms.Queue", "--property", "Name=" + physicalName, jndiName));
    }

    /** {@code asadmin create-system-properties}: a system property of the domain, effective at once. */
    void createSystemProperty(String name, String value) {
        // asadmin separates properties with ':' and reads "\:" as a colon of the value.
        timed("create-system-properties " + name, () -> asadmin("create-system-properties",
                name + "=" + value.replace(":", "\\:")));
    }

    /**
     * Runs {@code server-config/payara/deploy-to-server.sh database war} against this domain with {@code environment}
     * (e.g. {@code CLOCKWORK_DB_URL}); the step is timed under {@code step}.
     */
    void deploy(String step, String database, Path war, Map<String, String> environment) {
        Map<String, String> variables = new LinkedHashMap<>(environment);
        variables.put("PAYARA_HOME", home().toString());
        variables.put("PAYARA_DOMAIN", domain);
        variables.put("PAYARA_DOMAIN_DIR", domains.toString());
        timed(step, () -> run(List.of("bash", Path.of(System.getProperty("clockwork.server-config"),
                "deploy-to-server.sh").toString(), database, war.toAbsolutePath().toString()), variables));
    }

    /** Undeploys an application, e.g. Clockwork before another test's WAR of it comes in. */
    void undeploy(String application) {
        timed("undeploy " + application, () -> asadmin("undeploy", application));
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + httpPort() + "/clockwork/");
    }

    int adminPort() {
        return portBase + 48;
    }

    int httpPort() {
        return portBase + 80;
    }

    Path serverLog() {
        return domains.resolve(domain).resolve("logs/server.log");
    }

    Path domainXml() {
        return domains.resolve(domain).resolve("config/domain.xml");
    }

    /** How long each step took, in order. */
    Map<String, Duration> times() {
        return times;
    }

    /** Stops the domain with asadmin; kills its JVM if that fails. */
    @Override
    public void close() {
        try {
            timed("stop-domain", () -> asadmin("stop-domain", "--domaindir", domains.toString(), domain));
        } finally {
            kill();
            Runtime.getRuntime().removeShutdownHook(killAtExit);
        }
    }

    /** Kills the domain's JVM (named in its {@code config/pid}) if it still runs. */
    private void kill() {
        Path pid = domains.resolve(domain).resolve("config/pid");
        try {
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("Cannot read " + pid + ": " + e);
        }
    }

    private void timed(String step, Runnable action) {
        long start = System.nanoTime();
        action.run();
        times.put(step, Duration.ofNanos(System.nanoTime() - start));
    }

    private void asadmin(String... arguments) {
        List<String> command = new ArrayList<>(List.of(home().resolve("bin/asadmin").toString()));
        command.addAll(List.of(arguments));
        run(command, Map.of());
    }

    /**
     * Runs a command with the test's JDK and this domain's admin port for asadmin, appending its output to the log;
     * fails unless it exits 0.
     */
    private void run(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // A developer's own CLOCKWORK_* settings would reach the domain and win over its aliases and properties.
        builder.environment().keySet().removeIf(name -> name.startsWith("CLOCKWORK_"));
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        builder.environment().put("AS_ADMIN_HOST", "127.0.0.1");
        builder.environment().put("AS_ADMIN_PORT", Integer.toString(adminPort()));
        builder.environment().putAll(environment);
        try {
            Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process process = builder.start();
            if (!process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Gave up after " + COMMAND_LIMIT + ": " + command + "; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("Exit " + process.exitValue() + " from " + command + "; see " + log
                        + " and " + serverLog());
            }
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted running " + command, e);
        }
    }

    private static Path home() {
        String home = System.getProperty("payara.server.home");
        if (home == null) {
            throw new IllegalStateException("System property payara.server.home is not set; run the test through"
                    + " Maven (mvn verify), which unpacks Payara Server and sets it");
        }
        return Path.of(home);
    }

    /** A port base (a multiple of 100) all of whose domain ports are free on 127.0.0.1. */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(200, 600) * 100;
            if (IntStream.of(PORT_OFFSETS).allMatch(offset -> Ports.isFree(base + offset))) {
                return base;
            }
        }
        throw new IllegalStateException("No free port base for a Payara Server domain");
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
