package dev.clockwork.api;

/** Where one execution (one attempt of one fire) stands. */
public enum ExecutionStatus {
    /** Claimed by a node, waiting for a free worker. */
    QUEUED,
    /** The action is running. */
    RUNNING,
    /** The action returned normally. */
    SUCCEEDED,
    /** The action threw. */
    FAILED,
    /** No action of that name is deployed on the node that claimed the fire. */
    ACTION_NOT_FOUND,
    /** The task was cancelled or deleted before this execution could run. */
    CANCELLED,
    /** The node running it stopped heartbeating; another node took over. */
    NODE_LOST;

    /** Whether the execution has ended. */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
