package dev.clockwork.store;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How an execution ended, as recorded by one finishing transaction; {@code kind} is the execution's, as it was claimed
 * (it decides what the end of the run does to the task's schedule).
 *
 * @param movesSchedule whether the end of the run may move its task's schedule (a fixed-delay task's run): only
 *     then does recording it lock and read the task
 */
public record ExecutionOutcome(long executionId, long taskId, ExecutionKind kind, boolean movesSchedule,
                               ExecutionStatus status,
                               Instant startedAt, Instant finishedAt, Optional<String> result, Optional<String> error,
                               Optional<String> stackTrace, Optional<String> report) {

    public ExecutionOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (!status.isFinal()) {
            throw new IllegalStateException("An outcome needs a final status, got " + status
                    + " for execution " + executionId);
        }
    }
}
