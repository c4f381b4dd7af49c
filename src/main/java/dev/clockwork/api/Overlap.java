package dev.clockwork.api;

/** What a scheduled fire does while an earlier run of the same task is still queued or running in the cluster. */
public enum Overlap {
    /** Both run. */
    ALLOW,
    /** The fire runs nothing and is recorded {@code SKIPPED}, naming the run in progress. */
    FORBID,
    /**
     * The runs in progress are cancelled (a queued one at once, a running one interrupted by its node: it ends
     * {@code CANCELLED}) and the fire runs.
     */
    REPLACE
}
