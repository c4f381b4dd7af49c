package dev.clockwork.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of a test's own, on a spare port of 127.0.0.1 with a throw-away data directory, for tests that stop
 * and restart the database; the machine's own servers are left alone. Needs the Debian MariaDB server package
 * ({@code mariadb-install-db} and {@code mariadbd}), which the machine has.
 */
final class ThrowawayMariaDb implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private final Path dir;
    private final int port;
    private Process process;

    private ThrowawayMariaDb(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** The login the nodes use: Payara's pool needs a password, and this server's root has none. */
    static final String USER = "clockwork";
    static final String PASSWORD = "clockwork-it";

    /** Creates the data directory, starts the server, creates {@code database} and the {@link #USER} owning it. */
    static ThrowawayMariaDb start(Path dir, String database) throws IOException, InterruptedException {
        delete(dir);
        Files.createDirectories(dir);
        Process install = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new AssertionError("mariadb-install-db failed; see " + dir.resolve("install.log"));
        }
        ThrowawayMariaDb db = new ThrowawayMariaDb(dir, freePort());
        db.startServer();
        try (Connection connection = DriverManager.getConnection(db.url(""), "root", "")) {
            connection.createStatement().execute("CREATE DATABASE " + database);
            connection.createStatement().execute("CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD
                    + "'");
            connection.createStatement().execute("GRANT ALL ON " + database + ".* TO '" + USER + "'@'127.0.0.1'");
        } catch (SQLException e) {
            throw new AssertionError("Cannot create database " + database + ": " + e.getMessage(), e);
        }
        return db;
    }

    /** The JDBC URL of {@code database} on this server. */
    String url(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    /** Kills the server at once (SIGKILL), as a crash or a cut network would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the server again on the same port and data, and waits until it takes connections. */
    void startServer() throws IOException {
        Path socket = dir.resolve("mariadb.sock");
        process = new ProcessBuilder(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + socket, "--user=root",
                "--pid-file=" + dir.resolve("mariadb.pid"), "--skip-log-bin"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("server.log").toFile())).start();
        Poll.until(Duration.ofSeconds(60), this::takesConnections, up -> up, "the throw-away MariaDB on port " + port
                + " to take connections (see " + dir.resolve("server.log") + ")");
    }

    private boolean takesConnections() {
        try (Connection connection = DriverManager.getConnection(url(""), "root", "")) {
            return connection.isValid(2);
        } catch (SQLException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
        delete(dir);
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
