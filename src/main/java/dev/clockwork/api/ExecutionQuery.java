package dev.clockwork.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which executions to list, newest fire first: all filters are optional and combine with AND.
 *
 * @param task only executions of the task with exactly this name
 * @param taskPrefix only executions of tasks whose name starts with this text
 * @param status only executions in this status
 * @param node only executions claimed by this node
 * @param firedFrom only executions whose fire time is at or after this instant
 * @param firedBefore only executions whose fire time is before this instant
 * @param offset how many matching executions to skip (0 or more)
 * @param limit the most executions to return (1-1000)
 */
public record ExecutionQuery(Optional<String> task, Optional<String> taskPrefix, Optional<ExecutionStatus> status,
                             Optional<String> node, Optional<Instant> firedFrom, Optional<Instant> firedBefore,
                             int offset, int limit) {

    public ExecutionQuery {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(taskPrefix, "taskPrefix");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(firedFrom, "firedFrom");
        Objects.requireNonNull(firedBefore, "firedBefore");
        if (offset < 0) {
            throw SchedulerException.invalid("offset", "offset must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > TaskQuery.MAX_LIMIT) {
            throw SchedulerException.invalid("limit", "limit must be 1-" + TaskQuery.MAX_LIMIT + ", was " + limit);
        }
    }

    /** The newest {@code limit} executions of every task. */
    public static ExecutionQuery all(int limit) {
        return new ExecutionQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, limit);
    }

    /** The same query for one task. */
    public ExecutionQuery ofTask(String taskName) {
        return new ExecutionQuery(Optional.of(taskName), taskPrefix, status, node, firedFrom, firedBefore, offset,
                limit);
    }

    /** The same query for the tasks whose names start with {@code prefix}. */
    public ExecutionQuery withPrefix(String prefix) {
        return new ExecutionQuery(task, Optional.of(prefix), status, node, firedFrom, firedBefore, offset, limit);
    }

    /** The same query for one status, or any status. */
    public ExecutionQuery withStatus(Optional<ExecutionStatus> only) {
        return new ExecutionQuery(task, taskPrefix, only, node, firedFrom, firedBefore, offset, limit);
    }

    /** The same filters, another page. */
    public ExecutionQuery page(int pageOffset, int pageLimit) {
        return new ExecutionQuery(task, taskPrefix, status, node, firedFrom, firedBefore, pageOffset, pageLimit);
    }
}
