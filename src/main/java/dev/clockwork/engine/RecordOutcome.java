package dev.clockwork.engine;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.engine.rules.ScheduleRules;
import dev.clockwork.store.ExecutionOutcome;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import dev.clockwork.trigger.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
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

    /** Marks a claimed execution as running; false when it may no longer run (cancelled or taken over). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean markRunning(long executionId, Instant startedAt) {
        return store.markRunning(executionId, node.id(), startedAt);
    }

    /** Records the outcome, the task's last status and, where the run ends the task or starts its delay, its schedule. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finish(ClaimedFire fire, ExecutionOutcome outcome) {
        if (!store.finish(outcome, node.id())) {
            LOG.info(() -> "Execution " + fire.executionId() + " of task " + fire.taskName() + " ended with "
                    + outcome.status() + " but is no longer running (its task was deleted, or it was taken over)");
            return;
        }
        afterRun(fire.taskId(), fire.kind(), outcome.finishedAt());
    }

    /**
     * Moves a task's schedule on after one of its runs ended (finished or lost): a fixed-delay task gets its next
     * fire, a task with no more fires is done. Runs inside the caller's transaction.
     */
    void afterRun(long taskId, ExecutionKind kind, Instant endedAt) {
        Optional<TaskRow> task = store.findById(taskId);
        if (task.isEmpty()) {
            return;
        }
        Trigger trigger = Trigger.parse(task.get().trigger(), task.get().name());
        ScheduleRules.afterRun(task.get(), trigger, kind, endedAt)
                .flatMap(store::update)
                .flatMap(TaskRow::nextFireAt)
                .ifPresent(next -> wakeUp.fire(new WakeUp(next)));
    }
}
