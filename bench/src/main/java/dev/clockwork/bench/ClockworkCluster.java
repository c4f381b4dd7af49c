package dev.clockwork.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Clockwork nodes of one measurement: the built WAR on Payara Micro, one JVM each, with the README's pool
 * scripts. Closing kills them (their work is thrown away with the database).
 */
final class ClockworkCluster implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final List<Process> nodes = new ArrayList<>();
    private final List<String> options;

    private ClockworkCluster(List<String> options) {
        this.options = options;
    }

    void add(Process node) {
        nodes.add(node);
    }

    int size() {
        return nodes.size();
    }

    long pid(int index) {
        return nodes.get(index).pid();
    }

    void kill(int index) throws InterruptedException {
        nodes.get(index).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Heap in use after a full collection, read with the JDK's jcmd. */
    double heapMiB(int index) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String pid = Long.toString(pid(index));
        new ProcessBuilder(jcmd.toString(), pid, "GC.run").redirectErrorStream(true).start().waitFor();
        Process info = new ProcessBuilder(jcmd.toString(), pid, "GC.heap_info").redirectErrorStream(true).start();
        String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor();
        Matcher used = HEAP_USED.matcher(text);
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info printed no heap use: " + text);
        }
        return Long.parseLong(used.group(1)) / 1024.0;
    }

    @Override
    public void close() throws InterruptedException {
        for (Process node : nodes) {
            node.destroyForcibly();
        }
        for (Process node : nodes) {
            node.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** The JVM options the nodes were started with beyond the defaults (none for the default settings). */
    List<String> options() {
        return options;
    }

    /**
     * Starts the nodes one after another, each healthy before the next is launched: its port, chosen free just before
     * the launch, is taken before another node starts opening connections. (Launched together, one CI run had a
     * node that logged ready but never answered its health check within 240 s.)
     */
    static ClockworkCluster start(Path project, Path logs, List<String> nodeJavaOptions, Database db, int nodes,
                                  List<String> options) throws Exception {
        ClockworkCluster cluster = new ClockworkCluster(options);
        try {
            for (int i = 0; i < nodes; i++) {
                Starting node = launch(project, logs, nodeJavaOptions, db, i, options);
                cluster.add(node.process());
                awaitHealthy(node.process(), node.port(), node.log());
            }
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** A node process that may not serve requests yet. */
    private record Starting(Process process, int port, Path log) {
    }

    private static Starting launch(Path project, Path logs, List<String> nodeJavaOptions, Database db, int index,
                                   List<String> options) throws IOException {
        int port = freePort();
        Path target = project.resolve("target");
        Files.createDirectories(logs);
        Path log = logs.resolve("clockwork-" + db.name() + "-" + index + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dclockwork.admin.password=bench-admin-pw", "-Dhazelcast.socket.bind.any=false"));
        command.addAll(nodeJavaOptions);
        command.addAll(options);
        command.addAll(List.of("-jar", target.resolve("payara-micro.jar").toString(),
                "--deploy", target.resolve("clockwork.war").toString(),
                "--contextroot", "clockwork", "--port", Integer.toString(port), "--nocluster",
                // As the README's run commands: the data grid on 127.0.0.1 only, no Server banner.
                "--prebootcommandfile", project.resolve("server-config/payara/hardening.asadmin").toString(),
                "--addlibs", target.resolve("drivers/mysql-connector-j.jar") + ":" + target.resolve(
                        "drivers/postgresql.jar"),
                "--postbootcommandfile", project.resolve("server-config/payara/"
                        + (db.isPostgres() ? "postgresql.asadmin" : "mysql.asadmin")).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(db.nodeEnvironment());
        return new Starting(builder.start(), port, log);
    }

    private static void awaitHealthy(Process node, int port, Path log) throws InterruptedException {
        // HTTP/1.1: the default HTTP/2 asks for an upgrade on the first request and sends every later one on that
        // connection. A node that logged ready in 34 s then answered no health check for 240 s (quick mode, 17:15 on
        // 2026-11-30), as one had in CI before; a timed-out HTTP/1.1 request closes its connection instead.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/clockwork/api/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                throw new IllegalStateException("A Clockwork node exited at start; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        node.destroyForcibly();
        throw new IllegalStateException("A Clockwork node was not healthy within 240 s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
