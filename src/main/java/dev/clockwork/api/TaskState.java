package dev.clockwork.api;

/** The life of a task. */
public enum TaskState {
    /** Scheduled: fires when its trigger says so. */
    ACTIVE,
    /** Paused by an operator or code: does not fire until resumed. */
    PAUSED,
    /** Its trigger has no more fire times (an {@code at} or {@code in} task after its run, {@code times n} used up). */
    DONE,
    /** Cancelled: never fires again; its history is kept. */
    CANCELLED
}
