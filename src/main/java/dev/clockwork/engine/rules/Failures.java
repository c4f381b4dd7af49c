package dev.clockwork.engine.rules;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.DateTimeException;

/**
 * Tells a failure that one task's data causes from one of the database or the network. Only the first kind may take
 * a task out of the schedule: blaming a task for an outage or a deadlock would stop healthy tasks, and not blaming a
 * task whose data breaks every claim would stop all the others (docs/decisions/027-task-isolation.md).
 */
public final class Failures {

    private Failures() {
    }

    /** What a failure is owed to. */
    public enum Cause {
        /** The data of the tasks involved: the same work fails again however often it is retried. */
        TASK_DATA,
        /** The database, the network or contention: retrying later may succeed. */
        TRANSIENT
    }

    /**
     * Classifies a failure by its causes. A database error counts as the data's when its SQL state is a data
     * exception (class 22) or an integrity constraint violation (class 23); a computation error of the JDK's
     * (arithmetic overflow, a date-time out of range, an illegal argument or state) counts as the data's when no
     * database error lies under it. Anything else is transient.
     */
    public static Cause of(Throwable failure) {
        boolean computation = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return dataState(sql) ? Cause.TASK_DATA : Cause.TRANSIENT;
            }
            computation |= cause instanceof ArithmeticException || cause instanceof DateTimeException
                    || cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                    || cause instanceof NullPointerException || cause instanceof IndexOutOfBoundsException;
        }
        return computation ? Cause.TASK_DATA : Cause.TRANSIENT;
    }

    /** Whether a failure is owed to the data of the tasks involved. */
    public static boolean blamesTaskData(Throwable failure) {
        return of(failure) == Cause.TASK_DATA;
    }

    private static boolean dataState(SQLException sql) {
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
            return false;
        }
        String state = sql.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
