package dev.clockwork.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The one exception the {@link Scheduler} throws for a request it cannot carry out. The message says what is wrong
 * and how to fix it; {@link #field()} names the offending input field when there is one.
 */
public class SchedulerException extends RuntimeException {

    /** What kind of problem it is; REST maps these to 400, 404 and 409. */
    public enum Reason {
        /** Some input is invalid (bad trigger, bad zone, bad name...). */
        INVALID,
        /** No task has that name. */
        NOT_FOUND,
        /** The request conflicts with the current state (duplicate name, task already done...). */
        CONFLICT,
        /** The caller's role does not allow it (e.g. only admins define shell tasks). */
        FORBIDDEN
    }

    private final Reason reason;
    private final String field;

    public SchedulerException(Reason reason, String field, String message) {
        this(reason, field, message, null);
    }

    public SchedulerException(Reason reason, String field, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = field;
    }

    public static SchedulerException invalid(String field, String message) {
        return new SchedulerException(Reason.INVALID, field, message);
    }

    public static SchedulerException notFound(String taskName) {
        return new SchedulerException(Reason.NOT_FOUND, "name",
                "No task is named \"" + taskName + "\". List the tasks to see their names.");
    }

    public Reason reason() {
        return reason;
    }

    /** The input field at fault ("trigger", "zone", "name"...), if the problem is in one field. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
