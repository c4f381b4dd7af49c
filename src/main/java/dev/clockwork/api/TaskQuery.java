package dev.clockwork.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Which tasks to list: all filters are optional and combine with AND.
 *
 * @param state only tasks in this state
 * @param action only tasks with this action name
 * @param namePrefix only tasks whose name starts with this text
 * @param lastStatus only tasks whose latest ended execution (latest fire time, then attempt) ended so; a task that
 *                   has never ended a run has no last status and is left out by this filter
 * @param offset how many matching tasks to skip (0 or more)
 * @param limit the most tasks to return (1-1000)
 * @param sort the order of the tasks
 */
public record TaskQuery(Optional<TaskState> state, Optional<String> action, Optional<String> namePrefix,
                        Optional<ExecutionStatus> lastStatus, int offset, int limit, TaskSort sort) {

    public static final int MAX_LIMIT = 1000;

    /** A query of tasks ordered by name. */
    public TaskQuery(Optional<TaskState> state, Optional<String> action, Optional<String> namePrefix, int offset,
                     int limit) {
        this(state, action, namePrefix, offset, limit, TaskSort.BY_NAME);
    }

    /** A query of tasks whatever their last status. */
    public TaskQuery(Optional<TaskState> state, Optional<String> action, Optional<String> namePrefix, int offset,
                     int limit, TaskSort sort) {
        this(state, action, namePrefix, Optional.empty(), offset, limit, sort);
    }

    public TaskQuery {
        Objects.requireNonNull(lastStatus, "lastStatus");
        Objects.requireNonNull(sort, "sort");
        if (offset < 0) {
            throw SchedulerException.invalid("offset", "offset must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw SchedulerException.invalid("limit", "limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
        lastStatus.filter(s -> !s.isFinal()).ifPresent(s -> {
            throw SchedulerException.invalid("lastStatus", "lastStatus " + s + " is not the status of an ended"
                    + " execution; use one of SUCCEEDED, FAILED, TIMED_OUT, ACTION_NOT_FOUND, CANCELLED, NODE_LOST");
        });
    }

    /** The first {@code limit} tasks, unfiltered. */
    public static TaskQuery all(int limit) {
        return new TaskQuery(Optional.empty(), Optional.empty(), Optional.empty(), 0, limit);
    }

    /** This query, with only the tasks whose last status is {@code status} (or any, when empty). */
    public TaskQuery withLastStatus(Optional<ExecutionStatus> status) {
        return new TaskQuery(state, action, namePrefix, status, offset, limit, sort);
    }
}
