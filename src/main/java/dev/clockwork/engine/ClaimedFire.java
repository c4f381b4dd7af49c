package dev.clockwork.engine;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.store.TaskRow;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * An execution this node has claimed and will run: everything a worker needs without reading the task again.
 *
 * @param startedAt when the execution was recorded as running, if the claim did that already (a worker was free);
 *     empty when the worker must mark it running first
 * @param endMovesSchedule whether the end of the run may move the task's schedule
 *     ({@link dev.clockwork.engine.rules.ScheduleRules#endMovesSchedule}); when not, recording it leaves the task alone
 * @param timeout how long the run may take ({@link RunInterrupts}); empty for no limit
 */
public record ClaimedFire(long executionId, long taskId, String taskName, String action, Optional<String> argsJson,
                          Instant fireTime, int attempt, ExecutionKind kind, int priority,
                          Optional<Instant> startedAt, boolean endMovesSchedule, Optional<Duration> timeout) {

    /** Attempt {@code attempt} of {@code task}'s fire at {@code fireTime}, as execution {@code executionId}. */
    static ClaimedFire of(long executionId, TaskRow task, Instant fireTime, int attempt, ExecutionKind kind,
                          Optional<Instant> startedAt, boolean endMovesSchedule) {
        return new ClaimedFire(executionId, task.id(), task.name(), task.action(), task.args(), fireTime, attempt,
                kind, task.priority(), startedAt, endMovesSchedule, task.timeout());
    }

    /** Highest priority first, then earliest fire time: the order workers take claimed fires in. */
    public static final Comparator<ClaimedFire> RUN_ORDER = Comparator.comparingInt(ClaimedFire::priority).reversed()
            .thenComparing(ClaimedFire::fireTime).thenComparingLong(ClaimedFire::executionId);

    /** This fire, recorded as running from {@code at}. */
    public ClaimedFire startedAt(Instant at) {
        return new ClaimedFire(executionId, taskId, taskName, action, argsJson, fireTime, attempt, kind, priority,
                Optional.of(at), endMovesSchedule, timeout);
    }

    /** A key shared by every attempt of this fire and by no other fire. */
    public String idempotencyKey() {
        return taskName + "@" + fireTime;
    }
}
