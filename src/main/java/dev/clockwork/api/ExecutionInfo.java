package dev.clockwork.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One execution: one attempt of one fire of a task.
 *
 * @param error what went wrong, for an execution that failed
 * @param stackTrace the stack trace of the exception the action threw, when it threw one
 * @param report the lines the action reported, in order
 * @param dueAt when a retry ({@link ExecutionStatus#WAITING}) is due; kept once it ran
 * @param reason the policy decision behind a {@code SKIPPED} or {@code RETRY} execution, or who cancelled it
 */
public record ExecutionInfo(long id, String taskName, Instant fireTime, int attempt, ExecutionKind kind,
                            Optional<String> node, ExecutionStatus status, Optional<Instant> startedAt,
                            Optional<Instant> finishedAt, Optional<String> result, Optional<String> error,
                            Optional<String> stackTrace, List<String> report, Optional<Instant> dueAt,
                            Optional<String> reason) {

    public ExecutionInfo {
        report = List.copyOf(report);
    }

    /**
     * The key the action saw as {@link ActionContext#idempotencyKey()}: the same for every attempt of this fire (the
     * {@code amqp} action's message id, the {@code celery} action's task id).
     */
    public String idempotencyKey() {
        return taskName + "@" + fireTime;
    }
}
