package dev.clockwork.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A CDI event: a task was created, changed or deleted, on the node where it happened, in the transaction of the
 * change (observe it with {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} to see only committed changes,
 * or with {@code @ObservesAsync}). An observer that throws is logged and does not undo the change.
 *
 * @param taskName the task's name
 * @param change what happened to it
 * @param task the task after the change; empty when it was deleted
 * @param by the user who made it, or {@code system} (a deployment reconciling declared tasks)
 * @param at when, by the cluster's clock
 */
public record TaskChanged(String taskName, Change change, Optional<TaskInfo> task, String by, Instant at) {

    /** What happened to a task. */
    public enum Change {
        CREATED, UPDATED, PAUSED, RESUMED, CANCELLED, DELETED,
        /** Its {@link Recurring} declaration is gone from the code; it was paused and marked so. */
        UNDECLARED
    }
}
