package dev.clockwork.store;

/** One fire claimed: its task advanced past it, and its new execution (the id is given when it is inserted). */
public record TaskClaim(TaskRow advanced, ExecutionRow execution) {
}
