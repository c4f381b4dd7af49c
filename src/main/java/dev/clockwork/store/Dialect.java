package dev.clockwork.store;

import java.util.Locale;

/** The databases Clockwork runs on, and the little SQL that differs between them. */
public enum Dialect {
    H2("h2", "SELECT EXTRACT(EPOCH FROM CURRENT_TIMESTAMP(6))"),
    MYSQL("mysql", "SELECT UNIX_TIMESTAMP(NOW(6))"),
    POSTGRESQL("postgresql", "SELECT EXTRACT(EPOCH FROM clock_timestamp())");

    private final String folder;
    private final String epochQuery;

    Dialect(String folder, String epochQuery) {
        this.folder = folder;
        this.epochQuery = epochQuery;
    }

    /** The folder under {@code schema/} with this database's migrations. */
    public String folder() {
        return folder;
    }

    /**
     * A query for the database's current time as seconds since the epoch. A number, not a timestamp, so no
     * session or JVM time zone can shift it.
     */
    String epochQuery() {
        return epochQuery;
    }

    /** The dialect for a JDBC product name ({@code DatabaseMetaData.getDatabaseProductName()}). */
    public static Dialect of(String productName) {
        String product = productName.toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return MYSQL;
        }
        throw new IllegalStateException("Clockwork supports H2, MySQL/MariaDB and PostgreSQL; the data source points"
                + " at " + productName + ". Point jdbc/clockwork at a supported database.");
    }
}
