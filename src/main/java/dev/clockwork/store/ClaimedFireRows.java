package dev.clockwork.store;

/**
 * What claiming one fire writes: its task advanced past it, and the fire's new execution (the id is given when it is
 * inserted). The engine hands the fire to its workers as a {@code ClaimedFire}.
 */
public record ClaimedFireRows(TaskRow advanced, ExecutionRow execution) {
}
