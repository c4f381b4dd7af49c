package dev.clockwork.engine;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.RetryPolicy;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.ScheduleRules;
import dev.clockwork.engine.rules.SweepRules;
import dev.clockwork.store.ClusterStore;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import dev.clockwork.trigger.Trigger;
import dev.clockwork.trigger.TriggerFormatException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes over the work of nodes that died or stopped, on the node that holds the sweep chore
 * (docs/decisions/022-liveness.md).
 */
@ApplicationScoped
public class TakeOverLostWork {

    private static final Logger LOG = Logger.getLogger(TakeOverLostWork.class.getName());
    static final String SWEEP = "sweep";

    @Inject
    ClusterStore cluster;
    @Inject
    TaskStore tasks;
    @Inject
    RecordOutcome outcomes;
    @Inject
    NodeIdentity node;
    @Inject
    Clock clock;
    @Inject
    EngineConfig config;

    /**
     * If this node holds the sweep chore: declares silent nodes dead, takes over the unfinished executions of every
     * node that is not live, and forgets the nodes gone for longer than {@code node-retention}.
     *
     * @return the executions this node took over and must run
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<ClaimedFire> sweep() {
        Instant now = clock.instant();
        if (!cluster.tryLock(SWEEP, node.id(), now, now.plus(config.deadAfter()))) {
            return List.of();
        }
        cluster.declareDead(now.minus(config.deadAfter())).forEach(dead -> LOG.warning(() -> "Node " + dead
                + " has not heartbeated for " + config.deadAfter() + " and is declared dead; taking over its work"));
        List<ClaimedFire> takenOver = new ArrayList<>();
        for (ExecutionRow orphan : cluster.orphaned()) {
            try {
                takeOver(orphan, now).ifPresent(takenOver::add);
            } catch (IllegalArgumentException | IllegalStateException | ArithmeticException | DateTimeException e) {
                // A computation on this orphan's data failed, before any write of it: the other orphans go on.
                LOG.log(Level.SEVERE, "Execution " + orphan.id() + " of task " + orphan.taskName() + " could not be"
                        + " taken over; the sweep goes on with the others and tries it again next time", e);
            }
        }
        Instant lastHeardBefore = now.minus(config.nodeRetention());
        int forgotten = cluster.forgetNodes(lastHeardBefore);
        if (forgotten > 0) {
            LOG.info(() -> "Forgot " + forgotten + " nodes that stopped or died and were last heard of before "
                    + lastHeardBefore + " (clockwork.node-retention " + config.nodeRetention() + ")");
        }
        return takenOver;
    }

    private Optional<ClaimedFire> takeOver(ExecutionRow orphan, Instant now) {
        Optional<TaskRow> task = tasks.findById(orphan.taskId());
        switch (SweepRules.takeover(orphan, lostRetries(task))) {
            case REASSIGN -> {
                if (task.isPresent() && cluster.reassign(orphan.id(), node.id(), now)) {
                    return Optional.of(fire(orphan.id(), task.get(), orphan.fireTime(), orphan.attempt(),
                            orphan.kind()));
                }
                return Optional.empty();
            }
            case LOSE_AND_RETRY -> {
                if (!lose(orphan, now) || task.isEmpty()) {
                    return Optional.empty();
                }
                int attempt = orphan.attempt() + 1;
                long id = tasks.insertExecution(ExecutionRow.queued(orphan.taskId(), orphan.taskName(),
                        orphan.fireTime(), attempt, ExecutionKind.RETRY, node.id(), now));
                LOG.info(() -> "Retrying fire " + orphan.fireTime() + " of task " + orphan.taskName() + " as attempt "
                        + attempt + " on node " + node.id());
                return Optional.of(fire(id, task.get(), orphan.fireTime(), attempt, orphan.kind()));
            }
            case LOSE -> {
                if (lose(orphan, now)) {
                    outcomes.afterRun(orphan.taskId(), forSchedule(orphan.kind()), now);
                }
                return Optional.empty();
            }
            default -> throw new IllegalStateException("Unknown takeover for execution " + orphan.id());
        }
    }

    /**
     * How many new attempts a fire gets when its run is lost with its node: as many as the task's retry policy allows,
     * or {@code clockwork.node-lost-retries} for a task without one.
     */
    private int lostRetries(Optional<TaskRow> task) {
        return task.map(TaskRow::retry).filter(RetryPolicy::retries).map(retry -> retry.attempts() - 1)
                .orElse(config.nodeLostRetries());
    }

    private boolean lose(ExecutionRow orphan, Instant now) {
        return cluster.markLost(orphan.id(), now, "Node " + orphan.node().orElse("?") + " stopped while running"
                + " this execution");
    }

    /** A retry keeps the kind of run it retries for the task's schedule (a scheduled fire stays scheduled). */
    private static ClaimedFire fire(long id, TaskRow task, Instant fireTime, int attempt, ExecutionKind kind) {
        return ClaimedFire.of(id, task, fireTime, attempt, forSchedule(kind), Optional.empty(),
                endMovesSchedule(task, forSchedule(kind)));
    }

    /**
     * Whether the end of a run taken over may move its task's schedule. Not when this version cannot read the task's
     * trigger (stored before a stricter parser; the claim pauses such a task), so that one task cannot stop a sweep.
     */
    private static boolean endMovesSchedule(TaskRow task, ExecutionKind kind) {
        try {
            return ScheduleRules.endMovesSchedule(Trigger.parse(task.trigger(), task.name()), kind);
        } catch (TriggerFormatException e) {
            LOG.log(Level.WARNING, "Task " + task.name() + " has a trigger this version cannot read; the end of its"
                    + " run taken over leaves its schedule as it is", e);
            return false;
        }
    }

    private static ExecutionKind forSchedule(ExecutionKind kind) {
        return kind == ExecutionKind.RETRY ? ExecutionKind.SCHEDULED : kind;
    }
}
