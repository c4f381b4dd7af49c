package dev.clockwork.store.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A database server that tests run on: its JDBC URL and credentials, and which server it is, for the test log.
 * {@link TestPostgres} and {@link TestMariaDb} choose it.
 */
record TestServer(String url, String user, String password, String description) {

    /** A connection that gives up after a few seconds when nothing answers (drivers wait far longer by default). */
    static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", url.startsWith("jdbc:postgresql:") ? "5" : "5000"); // s vs ms
        return DriverManager.getConnection(url, properties);
    }

    /**
     * Whether the failure is that no server answered (SQL state class 08, connection exception), as opposed to a
     * server that answered and refused, which is a configuration error to report, not to work around.
     */
    static boolean nothingAnswered(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    /** Why a connection failed, on one line: the driver's first line and the root cause (e.g. "Connection refused"). */
    static String reason(SQLException e) {
        String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("").trim();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? first : first + " (" + root + ")";
    }

    Connection connect() throws SQLException {
        return connect(url, user, password);
    }

    static String seconds(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
