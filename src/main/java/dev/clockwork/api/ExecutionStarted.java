package dev.clockwork.api;

import java.time.Instant;

/**
 * A CDI event: an action starts running, on the node that runs it, on the worker thread just before the action.
 * A synchronous observer delays the action by its own time; do slow work in an {@code @ObservesAsync} observer. An
 * observer that throws is logged and changes nothing.
 *
 * @param executionId the execution's id
 * @param taskName the task's name
 * @param action the action's name
 * @param fireTime the fire time the execution serves
 * @param attempt the attempt number, 1 for the first
 * @param kind scheduled, retry or manual
 * @param startedAt when the action started
 */
public record ExecutionStarted(long executionId, String taskName, String action, Instant fireTime, int attempt,
                               ExecutionKind kind, Instant startedAt) {
}
