package dev.clockwork.store;

import dev.clockwork.api.ExecutionStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * A run of a task that is queued or running somewhere in the cluster.
 *
 * @param node the node that holds it
 */
public record RunInProgress(long executionId, long taskId, ExecutionStatus status, Optional<String> node) {

    public RunInProgress {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(node, "node");
    }
}
