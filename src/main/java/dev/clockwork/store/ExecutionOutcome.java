package dev.clockwork.store;

import dev.clockwork.api.ExecutionStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** How an execution ended, as recorded by one finishing transaction. */
public record ExecutionOutcome(long executionId, long taskId, ExecutionStatus status, Instant startedAt,
                               Instant finishedAt, Optional<String> result, Optional<String> error,
                               Optional<String> stackTrace, Optional<String> report) {

    public ExecutionOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (!status.isFinal()) {
            throw new IllegalStateException("An outcome needs a final status, got " + status
                    + " for execution " + executionId);
        }
    }
}
