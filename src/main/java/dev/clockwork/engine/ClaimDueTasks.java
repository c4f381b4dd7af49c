package dev.clockwork.engine;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.Overlap;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.ScheduleRules;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.ClaimedFireRows;
import dev.clockwork.store.RunInProgress;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import dev.clockwork.trigger.Timing;
import dev.clockwork.trigger.Trigger;
import dev.clockwork.trigger.TriggerFormatException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Claims due tasks for this node in one short transaction: lock the due rows (skipping rows other nodes hold),
 * insert one queued execution per fire, and advance each task to its next fire time.
 */
@ApplicationScoped
public class ClaimDueTasks {

    private static final Logger LOG = Logger.getLogger(ClaimDueTasks.class.getName());

    @Inject
    TaskStore store;
    @Inject
    Clock clock;
    @Inject
    EngineConfig config;
    @Inject
    NodeIdentity node;
    @Inject
    RunsInProgress runsInProgress;
    @Inject
    Event<RunCancelled> runCancelled;

    /**
     * Claims up to {@code limit} due fires; none when nothing is due or other nodes hold every due row. The first
     * {@code startNow} of them (highest priority first) go to workers that are free now or free within a few tens of
     * milliseconds ({@link Workers#startable}), so they are recorded as running from the claim on, which saves each
     * of them a transaction; the rest wait in the queue and are marked running when a worker takes them. A fire
     * recorded as running whose node dies before a worker took it is ended NODE_LOST and retried like any run of a
     * lost node; a node that shuts down puts such fires back to queued.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ClaimRound claim(int limit, int startNow) {
        Instant now = clock.instant();
        List<ClaimedFireRows> claims = new ArrayList<>();
        List<Trigger> triggers = new ArrayList<>();
        List<TaskRow> due = store.lockDue(now, limit);
        List<TaskRow> readable = new ArrayList<>(due.size());
        List<Trigger> readTriggers = new ArrayList<>(due.size());
        for (TaskRow task : due) {
            try {
                readTriggers.add(Trigger.parse(task.trigger(), task.name()));
                readable.add(task);
            } catch (RuntimeException e) {
                // This task's data is at fault, so only this task leaves the schedule.
                quarantine(task, e);
            }
        }
        Map<Long, List<RunInProgress>> inProgress = runsInProgress(readable, readTriggers);
        int started = 0;
        for (int i = 0; i < readable.size(); i++) {
            TaskRow task = readable.get(i);
            try {
                ClaimedFireRows claim = claimOne(task, readTriggers.get(i), now, started < startNow,
                        inProgress.getOrDefault(task.id(), List.of()));
                claims.add(claim);
                triggers.add(readTriggers.get(i));
                if (claim.execution().status() == ExecutionStatus.RUNNING) {
                    started++;
                }
            } catch (RuntimeException e) {
                // Computing this one claim failed: the task's data is at fault, so only this task leaves the schedule.
                quarantine(task, e);
            }
        }
        List<Long> ids;
        try {
            ids = store.recordClaims(claims);
        } catch (RuntimeException e) {
            throw new ClaimFailedException(claims.stream().map(claim -> claim.advanced().id()).toList(), e);
        }
        List<ClaimedFire> fires = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            TaskRow task = claims.get(i).advanced();
            ExecutionRow execution = claims.get(i).execution();
            if (execution.status().isClaimed()) {
                fires.add(ClaimedFire.of(ids.get(i), task, execution.fireTime(), execution.attempt(),
                        execution.kind(), execution.startedAt(),
                        ScheduleRules.endMovesSchedule(triggers.get(i), execution.kind())));
            }
        }
        fires.addAll(claimRetries(now, limit - claims.size(), Math.max(0, startNow - started)));
        return new ClaimRound(now, fires, store.earliestNextFire());
    }

    /**
     * The runs in progress of those of {@code tasks} whose overlap policy looks at them, by task id; no query when
     * none does. A fixed-delay task never overlaps its own scheduled runs (its next fire counts from the end of the
     * run), and a one-off task has no earlier fire, so they are left out.
     */
    private Map<Long, List<RunInProgress>> runsInProgress(List<TaskRow> tasks, List<Trigger> triggers) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Trigger trigger = triggers.get(i);
            if (tasks.get(i).fires().overlap() != Overlap.ALLOW && trigger.timing() != Timing.FIXED_DELAY
                    && !trigger.firesOnce()) {
                ids.add(tasks.get(i).id());
            }
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        return store.snapshotPerTransaction() ? runsInProgress.of(ids)
                : RunsInProgress.byTask(store.runsInProgress(ids));
    }

    /**
     * Claims retries that are due, after the due tasks of this round: the first {@code startNow} as running. A retry
     * runs the task's action as it is now; its end never moves the task's schedule (the run it retries did).
     */
    private List<ClaimedFire> claimRetries(Instant now, int limit, int startNow) {
        List<ExecutionRow> due = store.lockDueRetries(now, limit);
        if (due.isEmpty()) {
            return List.of();
        }
        List<ClaimedFire> fires = new ArrayList<>();
        List<ExecutionRow> claimed = new ArrayList<>();
        Set<Long> running = new HashSet<>();
        for (ExecutionRow retry : due) {
            Optional<TaskRow> task = store.findById(retry.taskId());
            if (task.isEmpty()) {
                continue;
            }
            boolean runNow = fires.size() < startNow;
            if (runNow) {
                running.add(retry.id());
            }
            claimed.add(retry);
            fires.add(ClaimedFire.of(retry.id(), task.get(), retry.fireTime(), retry.attempt(), ExecutionKind.RETRY,
                    runNow ? Optional.of(now) : Optional.empty(), false));
        }
        store.claimRetries(claimed, running, node.id(), now);
        return fires;
    }

    /**
     * The executions this node holds in the database but its workers do not know: the fires of a claim whose commit
     * failed on the way back (the database went away during it), which may have been written all the same. Those
     * recorded as running go back to queued, so that a worker marks them running again; a fire a worker took in the
     * meantime is then no longer queued and does not run twice.
     *
     * @param held the executions the workers hold, read before this transaction
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<ClaimedFire> unheld(Set<Long> held) {
        List<ExecutionRow> unknown = store.claimedBy(node.id()).stream().filter(row -> !held.contains(row.id()))
                .toList();
        List<Long> running = unknown.stream().filter(row -> row.status() == ExecutionStatus.RUNNING)
                .map(ExecutionRow::id).toList();
        store.unmarkRunning(running, node.id());
        List<ClaimedFire> fires = new ArrayList<>();
        for (ExecutionRow row : unknown) {
            store.findById(row.taskId()).ifPresent(task -> fires.add(ClaimedFire.of(row.id(), task, row.fireTime(),
                    row.attempt(), row.kind(), Optional.empty(), endMovesSchedule(task, row.kind()))));
        }
        return fires;
    }

    private static boolean endMovesSchedule(TaskRow task, ExecutionKind kind) {
        try {
            return ScheduleRules.endMovesSchedule(Trigger.parse(task.trigger(), task.name()), kind);
        } catch (RuntimeException e) {
            // The outcome recorder puts such a task in ERROR when its run ends.
            return true;
        }
    }

    /**
     * Takes a task out of the schedule, in ERROR with the reason, in its own transaction: a claim of it failed alone
     * ({@link ClaimFailedException} with this one task), so its data is at fault.
     *
     * @return whether the task was still scheduled and is now in ERROR
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean quarantine(long taskId, Throwable failure) {
        return putInError(taskId, "id " + taskId, "its due fire could not be claimed", failure);
    }

    private void quarantine(TaskRow task, Throwable failure) {
        putInError(task.id(), task.name(), "its fire at " + task.nextFireAt().map(Object::toString).orElse("?")
                + " could not be claimed", failure);
    }

    /** Puts the task in ERROR with what failed as its reason, and logs it once it is; false when it was not due. */
    private boolean putInError(long taskId, String task, String what, Throwable failure) {
        String reason = TaskErrors.reason(what, failure);
        boolean done = store.putInError(taskId, reason);
        if (done) {
            // A trigger this version cannot read says all in its message; any other failure gets its stack trace.
            LOG.log(Level.SEVERE, "Task " + task + " is taken out of the schedule (state ERROR) and every other task"
                    + " keeps firing: " + reason, failure instanceof TriggerFormatException ? null : failure);
        }
        return done;
    }

    /**
     * Cancels the runs in progress of a task whose overlap policy is REPLACE, in the claim's transaction: queued ones
     * end CANCELLED, running ones are interrupted by their nodes once this commits.
     */
    private void replace(TaskRow task, Instant fireTime, List<RunInProgress> inProgress, Instant now) {
        String reason = "overlap REPLACE: replaced by the fire at " + fireTime;
        List<Long> running = store.cancelExecutions(inProgress.stream().map(RunInProgress::executionId).toList(),
                reason, now);
        LOG.info(() -> "Task " + task.name() + ": " + reason + "; cancels executions "
                + inProgress.stream().map(RunInProgress::executionId).toList());
        if (!running.isEmpty()) {
            runCancelled.fire(new RunCancelled(running, reason));
        }
    }

    /**
     * The rows claiming the due fire of {@code task} writes: its execution (running, queued, or skipped by the task's
     * misfire or overlap policy) and the task advanced to its next fire. {@code inProgress} are the task's runs in
     * progress, read only for a task whose overlap policy needs them.
     */
    private ClaimedFireRows claimOne(TaskRow task, Trigger trigger, Instant now, boolean startNow,
                                     List<RunInProgress> inProgress) {
        Instant fireTime = task.nextFireAt().orElseThrow(() -> new IllegalStateException(
                "A due task must have a next fire time; task " + task.name() + " has none"));
        ScheduleRules.Claim claim = ScheduleRules.afterClaim(trigger, ZoneId.of(task.zone()), task.anchorAt(),
                fireTime, now, task.fires(), config.catchUpWindow(), config.maxCatchUp());
        if (claim.skipped().isEmpty() && !inProgress.isEmpty() && task.fires().overlap() == Overlap.REPLACE) {
            replace(task, fireTime, inProgress, now);
        }
        if (claim.skipped().isEmpty() && !inProgress.isEmpty() && task.fires().overlap() == Overlap.FORBID) {
            RunInProgress running = inProgress.get(0);
            claim = claim.skippedFor("overlap FORBID: execution " + running.executionId() + " is still "
                    + running.status().name().toLowerCase(Locale.ROOT)
                    + running.node().map(n -> " on " + n).orElse(""));
        }
        ExecutionRow execution;
        if (claim.skipped().isPresent()) {
            String reason = claim.skipped().get();
            LOG.fine(() -> "Fire " + fireTime + " of task " + task.name() + " is skipped: " + reason);
            execution = ExecutionRow.skipped(task.id(), task.name(), fireTime, node.id(), now, reason);
        } else {
            execution = startNow
                    ? ExecutionRow.running(task.id(), task.name(), fireTime, 1, ExecutionKind.SCHEDULED, node.id(), now)
                    : ExecutionRow.queued(task.id(), task.name(), fireTime, 1, ExecutionKind.SCHEDULED, node.id(), now);
        }
        return new ClaimedFireRows(ScheduleRules.claimed(task, trigger, fireTime, claim.next()), execution);
    }
}
