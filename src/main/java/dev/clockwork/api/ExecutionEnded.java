package dev.clockwork.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A CDI event: a run ended, on the node that ran it, once its outcome was handed to the recorder (it is committed
 * within milliseconds; read the execution from the {@link Scheduler} only after that). An observer that throws is
 * logged and does not change the execution's outcome. A synchronous observer holds the worker thread for its own
 * time; do slow work in an {@code @ObservesAsync} observer.
 *
 * @param executionId the execution's id
 * @param taskName the task's name
 * @param action the action's name
 * @param fireTime the fire time the execution serves
 * @param attempt the attempt number, 1 for the first
 * @param kind scheduled, retry or manual
 * @param status how it ended
 * @param duration from the action's start to its end
 * @param result what the action returned, as stored
 * @param error what went wrong, for a run that did not succeed
 */
public record ExecutionEnded(long executionId, String taskName, String action, Instant fireTime, int attempt,
                             ExecutionKind kind, ExecutionStatus status, Duration duration, Optional<String> result,
                             Optional<String> error) {
}
