package dev.clockwork.store.jpa;

import java.sql.SQLException;

/** Reads the SQL state of the driver's exception under a JPA or JDBC failure. */
final class SqlStates {

    private SqlStates() {
    }

    /** Whether the failure is an integrity constraint violation (SQL state class 23), e.g. a unique key. */
    static boolean isIntegrityViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().startsWith("23");
            }
        }
        return false;
    }
}
