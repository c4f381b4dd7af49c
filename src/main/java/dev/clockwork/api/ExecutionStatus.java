package dev.clockwork.api;

/** Where one execution (one attempt of one fire) stands. */
public enum ExecutionStatus {
    /** A retry of a failed run, waiting for its due time ({@code dueAt}); any node may run it then. */
    WAITING,
    /** Claimed by a node, waiting for a free worker. */
    QUEUED,
    /** The action is running. */
    RUNNING,
    /** The action returned normally. */
    SUCCEEDED,
    /** The action threw. */
    FAILED,
    /** The run took longer than the task's timeout and was interrupted. */
    TIMED_OUT,
    /** No action of that name is deployed on the node that claimed the fire. */
    ACTION_NOT_FOUND,
    /**
     * The fire ran nothing by its task's policy (a misfire under {@code SKIP}, an overlap under {@code FORBID}); the
     * execution's reason says which.
     */
    SKIPPED,
    /** Cancelled by an operator before it ended: a queued run never started, a running one was interrupted. */
    CANCELLED,
    /** The node running it stopped heartbeating; another node took over. */
    NODE_LOST;

    /** Whether the execution has ended. */
    public boolean isFinal() {
        return this != WAITING && this != QUEUED && this != RUNNING;
    }

    /** Whether a node holds the execution: it was claimed and has not ended. */
    public boolean isClaimed() {
        return this == QUEUED || this == RUNNING;
    }

    /** Whether a run that ended so is retried under the task's retry policy. */
    public boolean isRetried() {
        return this == FAILED || this == TIMED_OUT || this == NODE_LOST;
    }
}
