package dev.clockwork.api;

/** Why an execution exists. */
public enum ExecutionKind {
    /** The trigger said so. */
    SCHEDULED,
    /** Someone asked to run the task now. */
    MANUAL,
    /** A later attempt of a fire whose earlier attempt did not succeed. */
    RETRY
}
