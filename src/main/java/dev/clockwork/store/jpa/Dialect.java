package dev.clockwork.store.jpa;

import java.util.Locale;

/** The databases Clockwork runs on, and the little SQL that differs between them. */
public enum Dialect {
    H2("h2", "SELECT EXTRACT(EPOCH FROM CURRENT_TIMESTAMP(6))", new EachOutcomeWriter()),
    MYSQL("mysql", "SELECT UNIX_TIMESTAMP(NOW(6))", new AlikeOutcomeWriter()),
    POSTGRESQL("postgresql", "SELECT EXTRACT(EPOCH FROM clock_timestamp())", new EachOutcomeWriter());

    private final String folder;
    private final String epochQuery;
    private final OutcomeWriter outcomeWriter;

    Dialect(String folder, String epochQuery, OutcomeWriter outcomeWriter) {
        this.folder = folder;
        this.epochQuery = epochQuery;
        this.outcomeWriter = outcomeWriter;
    }

    /**
     * How outcomes are written: a batch of outcomes that ended alike by one statement, after the executions are
     * locked ({@link AlikeOutcomeWriter}), or by a statement each ({@link EachOutcomeWriter}). MariaDB runs a batch of updates as that many statements (Connector/J joins them into one
     * request, which the server still parses one by one), so one statement per batch is much faster there.
     * PostgreSQL keeps each update prepared and planned once; there the lock by a list of ids was slower, planned
     * while cw_execution was small (docs/decisions/015-outcome-group-commits.md).
     */
    OutcomeWriter outcomeWriter() {
        return outcomeWriter;
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
