package dev.clockwork.engine;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.engine.rules.Bounded;
import dev.clockwork.engine.rules.RetryDelays;
import dev.clockwork.engine.rules.ScheduleRules;
import dev.clockwork.store.ExecutionOutcome;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import dev.clockwork.trigger.Durations;
import dev.clockwork.trigger.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The short transactions around a run: marking it started, and recording how it ended. */
@ApplicationScoped
public class RecordOutcome {

    private static final Logger LOG = Logger.getLogger(RecordOutcome.class.getName());

    @Inject
    TaskStore store;
    @Inject
    Event<WakeUp> wakeUp;
    @Inject
    NodeIdentity node;
    /** Draws the jitter of retry delays; a test sets a fixed one. */
    DoubleSupplier jitterDraw = () -> ThreadLocalRandom.current().nextDouble();

    /** Puts fires that were claimed as running but never started back to queued (at shutdown). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void unmarkRunning(List<Long> executionIds) {
        store.unmarkRunning(executionIds, node.id());
    }

    /**
     * Marks claimed executions as running, in one transaction; returns those marked. The others may no longer run
     * (cancelled or taken over).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Set<Long> markRunning(List<Long> executionIds, Instant startedAt) {
        return store.markRunning(executionIds, node.id(), startedAt);
    }

    /**
     * Records outcomes of this node's runs in one transaction: each execution's outcome and, where a fixed-delay
     * run's end starts its delay or ends the task, the task's schedule. Outcomes of executions that are no longer
     * running (their task was deleted, or they were taken over) are left out and logged.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finishAll(List<Finished> finished) {
        List<ExecutionOutcome> recorded = store.finishAll(finished.stream().map(Finished::outcome).toList(),
                node.id(), this::afterRun);
        Set<Long> recordedIds = new HashSet<>();
        recorded.forEach(outcome -> recordedIds.add(outcome.executionId()));
        for (Finished run : finished) {
            if (recordedIds.contains(run.outcome().executionId())) {
                if (run.outcome().status().isRetried()) {
                    scheduleRetry(run.fire(), run.outcome());
                }
            } else {
                LOG.info(() -> "Execution " + run.fire().executionId() + " of task " + run.fire().taskName()
                        + " ended with " + run.outcome().status() + " but is no longer running (its task was deleted,"
                        + " or it was taken over)");
            }
        }
    }

    /**
     * Records one run that ended SUCCEEDED with a step to commit with its outcome ({@link CommitWithOutcome}), in
     * one transaction of its own: the step first, then the outcome with the step's result. A step that throws, or an
     * outcome that cannot be recorded (the execution is no longer running: taken over, or its task deleted), rolls
     * the whole transaction back, the step's work included.
     *
     * @return the outcome as recorded
     * @throws Exception what the step or the recording threw; nothing was committed
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public ExecutionOutcome finishWith(Finished run, CommitWithOutcome step) throws Exception {
        ExecutionOutcome ran = run.outcome();
        String result = step.step().run();
        ExecutionOutcome outcome = new ExecutionOutcome(ran.executionId(), ran.taskId(), ran.kind(),
                ran.movesSchedule(), ran.status(), ran.startedAt(), ran.finishedAt(),
                Optional.ofNullable(result).map(text -> Bounded.text(text, Bounded.RESULT)), ran.error(),
                ran.stackTrace(), ran.report());
        if (store.finishAll(List.of(outcome), node.id(), this::afterRun).isEmpty()) {
            throw new IllegalStateException("Execution " + run.fire().executionId() + " of task "
                    + run.fire().taskName() + " is no longer running (its task was deleted, or it was taken over);"
                    + " its step is rolled back with its outcome");
        }
        return outcome;
    }

    /**
     * Hands back runs interrupted at this node's shutdown: each is recorded NODE_LOST (not moving its task's schedule)
     * with a WAITING next attempt of the same fire due at once, whatever the task's retry policy (the run did not
     * fail; its node stopped), so that any node runs it again, this one at its next start if it is alone.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void handBack(List<Finished> lost) {
        Set<Long> recorded = new HashSet<>();
        store.finishAll(lost.stream().map(Finished::outcome).toList(), node.id(), this::afterRun)
                .forEach(outcome -> recorded.add(outcome.executionId()));
        for (Finished run : lost) {
            if (recorded.contains(run.fire().executionId())) {
                Instant at = run.outcome().finishedAt();
                store.insertExecution(ExecutionRow.waiting(run.fire().taskId(), run.fire().taskName(),
                        run.fire().fireTime(), run.fire().attempt() + 1, at, at, "handed back: execution "
                                + run.fire().executionId() + " was still running when its node stopped"));
            }
        }
    }

    /**
     * Schedules the next attempt of a fire whose run failed or timed out, when the task's retry policy allows one: a
     * WAITING execution due after the policy's delay, in the transaction that records the failure, so that any node
     * runs it then, even after a restart.
     */
    private void scheduleRetry(ClaimedFire fire, ExecutionOutcome outcome) {
        store.findById(fire.taskId()).ifPresent(task -> RetryDelays.nextAttemptAt(task.retry(), fire.attempt(),
                outcome.finishedAt(), jitterDraw.getAsDouble()).ifPresent(due -> {
                    store.insertExecution(ExecutionRow.waiting(task.id(), task.name(), fire.fireTime(),
                            fire.attempt() + 1, outcome.finishedAt(), due, "retry " + (fire.attempt() + 1) + " of "
                                    + task.retry().attempts() + ": execution " + fire.executionId() + " ended "
                                    + outcome.status() + ", due " + Durations.format(Duration.between(
                                    outcome.finishedAt(), due)) + " later"));
                    wakeUp.fire(new WakeUp(due));
                    LOG.info(() -> "Execution " + fire.executionId() + " of task " + task.name() + " ended "
                            + outcome.status() + "; attempt " + (fire.attempt() + 1) + " of " + task.retry().attempts()
                            + " is due at " + due);
                }));
    }

    /** A run of this node that ended, and how. */
    public record Finished(ClaimedFire fire, ExecutionOutcome outcome) {
    }

    /**
     * Moves a task's schedule on after one of its runs ended (finished or lost): a fixed-delay task gets its next
     * fire, a task with no more fires is done. Runs inside the caller's transaction.
     */
    void afterRun(long taskId, ExecutionKind kind, Instant endedAt) {
        store.findById(taskId).flatMap(task -> afterRun(task, kind, endedAt)).ifPresent(store::reschedule);
    }

    /**
     * The task after a run of {@code kind} ended at {@code endedAt}, or empty when its schedule stays. A task whose
     * next fire cannot be computed (a trigger or zone this version cannot read) goes to ERROR, so that the outcomes
     * recorded with it, and the sweep, go on.
     */
    private Optional<TaskRow> afterRun(TaskRow task, ExecutionKind kind, Instant endedAt) {
        Optional<TaskRow> after;
        try {
            after = ScheduleRules.afterRun(task, Trigger.parse(task.trigger(), task.name()), kind, endedAt);
        } catch (RuntimeException e) {
            String reason = TaskErrors.reason("its next fire after the run that ended at " + endedAt
                    + " could not be computed", e);
            LOG.log(Level.SEVERE, "Task " + task.name() + " is taken out of the schedule (state ERROR): " + reason, e);
            return Optional.of(task.inError(reason));
        }
        after.flatMap(TaskRow::nextFireAt).ifPresent(next -> wakeUp.fire(new WakeUp(next)));
        return after;
    }
}
