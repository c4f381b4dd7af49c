package dev.clockwork.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary and its hot standby of a test's own, from Debian's packages, on spare ports of 127.0.0.1 with
 * throw-away data directories: {@code initdb}, {@code pg_basebackup -R -X stream --checkpoint=fast} (the default
 * waits for a spread checkpoint, minutes on an idle primary), {@code pg_ctl}. PostgreSQL refuses
 * to run as root, so on a machine where the test runs as root the servers run as the {@code postgres} user
 * ({@code runuser}), in a directory under /tmp that user can write. The machine's own servers are left alone.
 */
final class PostgresStandby implements AutoCloseable {

    /** The login the nodes use: Payara's pool needs a password (trust authentication ignores it). */
    static final String USER = "clockwork";
    static final String PASSWORD = "clockwork-it";
    static final String DATABASE = "clockwork";

    private final Path bin;
    private final Path dir;
    private final int primaryPort;
    private final int standbyPort;

    private PostgresStandby(Path bin, Path dir, int primaryPort, int standbyPort) {
        this.bin = bin;
        this.dir = dir;
        this.primaryPort = primaryPort;
        this.standbyPort = standbyPort;
    }

    /** The binaries' folder of the newest PostgreSQL Debian installed, or empty when there is none. */
    static java.util.Optional<Path> binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(candidate -> Files.isExecutable(candidate.resolve("pg_basebackup")))
                    .max(Comparator.comparing(candidate -> Integer.parseInt(candidate.getParent().getFileName()
                            .toString().replaceAll("\\D", "0"))));
        }
    }

    /** Creates and starts the primary (with {@link #DATABASE} owned by {@link #USER}), then its standby. */
    static PostgresStandby start(Path bin) throws Exception {
        Path dir = Files.createTempDirectory("clockwork-replica-");
        PostgresStandby pair = new PostgresStandby(bin, dir, MicroProcess.freePort(), MicroProcess.freePort());
        try {
            pair.chownToPostgres(dir);
            pair.run("initdb", "-D", dir.resolve("primary").toString(), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--no-sync");
            Files.writeString(dir.resolve("primary/postgresql.conf"), "\nlisten_addresses = '127.0.0.1'\nport = "
                    + pair.primaryPort + "\nunix_socket_directories = '" + dir + "'\nwal_level = replica\n"
                    + "max_wal_senders = 5\nfsync = off\n", java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(dir.resolve("primary/pg_hba.conf"), "\nhost replication all 127.0.0.1/32 trust\n",
                    java.nio.file.StandardOpenOption.APPEND);
            pair.startServer("primary");
            try (Connection connection = pair.connect(pair.primaryPort, "postgres")) {
                connection.createStatement().execute("CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'");
                connection.createStatement().execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
            pair.run("pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(pair.primaryPort), "-U", "postgres",
                    "-D", dir.resolve("standby").toString(), "-R", "-X", "stream", "--checkpoint=fast");
            Files.writeString(dir.resolve("standby/postgresql.conf"), "\nport = " + pair.standbyPort + "\nhot_standby"
                    + " = on\nhot_standby_feedback = on\n", java.nio.file.StandardOpenOption.APPEND);
            pair.startServer("standby");
            return pair;
        } catch (Exception | AssertionError e) {
            pair.close();
            throw e;
        }
    }

    String primaryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/" + DATABASE;
    }

    String standbyUrl() {
        return "jdbc:postgresql://127.0.0.1:" + standbyPort + "/" + DATABASE;
    }

    /** The standby's server log, where a write it refused would show as "read-only transaction". */
    Path standbyLog() {
        return dir.resolve("standby.log");
    }

    /** Stops applying the primary's changes on the standby: from now on it falls behind. */
    void pauseReplay() throws SQLException {
        try (Connection connection = connect(standbyPort, DATABASE)) {
            connection.createStatement().execute("SELECT pg_wal_replay_pause()");
        }
    }

    void resumeReplay() throws SQLException {
        try (Connection connection = connect(standbyPort, DATABASE)) {
            connection.createStatement().execute("SELECT pg_wal_replay_resume()");
        }
    }

    /** Whether the standby has replayed everything the primary wrote until now. */
    boolean caughtUp() {
        try (Connection primary = connect(primaryPort, DATABASE); Connection standby = connect(standbyPort, DATABASE)) {
            ResultSet written = primary.createStatement().executeQuery("SELECT pg_current_wal_lsn()");
            written.next();
            String lsn = written.getString(1);
            ResultSet replayed = standby.createStatement().executeQuery("SELECT pg_last_wal_replay_lsn() >= '" + lsn
                    + "'::pg_lsn");
            replayed.next();
            return replayed.getBoolean(1);
        } catch (SQLException notYet) {
            return false;
        }
    }

    /** The primary's postmaster, whose children are the server's processes and each connection's backend. */
    long primaryPid() throws IOException {
        return postmaster("primary");
    }

    long standbyPid() throws IOException {
        return postmaster("standby");
    }

    private long postmaster(String server) throws IOException {
        return Long.parseLong(Files.readAllLines(dir.resolve(server + "/postmaster.pid")).get(0).trim());
    }

    /** Stops the standby (fast shutdown); reads that would go to it must go to the primary. */
    void stopStandby() throws IOException, InterruptedException {
        run("pg_ctl", "-D", dir.resolve("standby").toString(), "-m", "fast", "-w", "stop");
    }

    void startStandby() throws IOException, InterruptedException {
        startServer("standby");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (String server : List.of("standby", "primary")) {
            if (Files.exists(dir.resolve(server + "/postmaster.pid"))) {
                run("pg_ctl", "-D", dir.resolve(server).toString(), "-m", "immediate", "-w", "stop");
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private void startServer(String server) throws IOException, InterruptedException {
        run("pg_ctl", "-D", dir.resolve(server).toString(), "-l", dir.resolve(server + ".log").toString(), "-w",
                "-t", "60", "start");
    }

    private Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
    }

    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path log = dir.resolve("commands.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed; its output: "
                    + Files.readString(log));
        }
    }

    private void chownToPostgres(Path path) throws IOException, InterruptedException {
        if (isRoot()) {
            Process chown = new ProcessBuilder("chown", "postgres:", path.toString()).inheritIO().start();
            if (!chown.waitFor(30, TimeUnit.SECONDS) || chown.exitValue() != 0) {
                throw new AssertionError("Cannot give " + path + " to the postgres user");
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** How long a test may wait for the standby to replay what the primary wrote. */
    static final Duration REPLAY = Duration.ofSeconds(30);
}
