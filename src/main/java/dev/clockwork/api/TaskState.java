package dev.clockwork.api;

/** The life of a task. */
public enum TaskState {
    /** Scheduled: fires when its trigger says so. */
    ACTIVE,
    /** Paused by an operator or code: does not fire until resumed. */
    PAUSED,
    /**
     * Its trigger has no more fire times: an {@code at} or {@code in} task, or one whose {@code times n} are used up,
     * from the claim of its last fire on (its run may still be in progress); a fixed-delay task once its last run
     * ended.
     */
    DONE,
    /** Cancelled: never fires again; its history is kept. */
    CANCELLED,
    /**
     * Taken out of the schedule by the engine because a fire of it could not be claimed, scheduled or recorded (for
     * instance a trigger this version cannot read); {@link TaskInfo#stateReason} says why. It does not fire until an
     * operator changes its definition or resumes it, and it never keeps other tasks from firing.
     */
    ERROR
}
