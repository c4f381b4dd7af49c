package dev.clockwork.api;

/**
 * What a task does with a fire claimed more than its grace after the fire's time: the cluster was down, the task
 * paused by maintenance, or every worker busy.
 */
public enum Misfire {
    /** The late fire runs once for all the missed ones, and the schedule goes on from now. */
    FIRE_ONCE,
    /** The missed fires are recorded {@code SKIPPED} and nothing runs; the schedule goes on from now. */
    SKIP,
    /** Every missed fire runs, oldest first, at most {@code clockwork.max-catch-up} of them. */
    CATCH_UP
}
