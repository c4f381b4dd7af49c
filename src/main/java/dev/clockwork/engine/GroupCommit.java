package dev.clockwork.engine;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.engine.rules.Bounded;
import dev.clockwork.engine.rules.Failures;
import dev.clockwork.store.ExecutionOutcome;
import dev.clockwork.store.TaskStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records the outcomes of ended runs many in one transaction (group commit): a worker that finds the recorder free
 * takes up to {@value #MOST_PER_BATCH} outcomes waiting so far, while the others go on running actions; each commit,
 * which costs a disk sync, thus ends more runs while the recorder is behind (docs/decisions/015-outcome-group-commits.md).
 * Outcomes the database cannot take go to the {@link OutageBuffer}. Safe for use by many worker threads.
 */
final class GroupCommit {

    /**
     * Most outcomes recorded in one transaction: as many ids as one of the store's statements names. A node that dies
     * may thus leave about this many ended runs unrecorded, which another node ends as lost and retries.
     */
    static final int MOST_PER_BATCH = TaskStore.MOST_IDS;
    /** Most recording transactions at once: the database, not the recorder, is the limit. */
    static final int RECORDERS = 1;
    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    private final RecordOutcome outcomes;
    private final OutageBuffer kept;
    private final Runnable roomFreed;
    private final LongConsumer released;
    private final ConcurrentLinkedQueue<RecordOutcome.Finished> waiting = new ConcurrentLinkedQueue<>();
    private final Semaphore recording = new Semaphore(RECORDERS);
    /** Outcomes not recorded yet: waiting, or in a recording transaction. */
    private final AtomicInteger unrecorded = new AtomicInteger();

    /**
     * @param roomFreed told after each recording transaction: the room it freed may let the dispatcher claim more
     * @param released told of each execution whose outcome is in the database
     */
    GroupCommit(RecordOutcome outcomes, OutageBuffer kept, Runnable roomFreed, LongConsumer released) {
        this.outcomes = outcomes;
        this.kept = kept;
        this.roomFreed = roomFreed;
        this.released = released;
    }

    /** A run ended: its outcome waits for {@link #recordWaiting}. */
    void add(RecordOutcome.Finished finished) {
        unrecorded.incrementAndGet();
        waiting.add(finished);
    }

    /** Outcomes waiting or being recorded. */
    int unrecorded() {
        return unrecorded.get();
    }

    /**
     * Records what waits, in batches, when a recorder is free. A worker that finds them all busy leaves its outcome
     * to the recording worker, which looks again after it lets go, so no outcome is left waiting once its worker
     * moved on.
     */
    void recordWaiting() {
        while (!waiting.isEmpty() && recording.tryAcquire()) {
            List<RecordOutcome.Finished> batch = new ArrayList<>();
            try {
                for (RecordOutcome.Finished next; batch.size() < MOST_PER_BATCH && (next = waiting.poll()) != null; ) {
                    batch.add(next);
                }
                if (!batch.isEmpty() && !record(batch)) {
                    LOG.warning(() -> "The outcomes of " + batch.size() + " executions ("
                            + batch.stream().map(f -> f.fire().executionId() + " " + f.outcome().status()).toList()
                            + ") are kept and recorded when the database answers again");
                    kept.keepOutcomes(batch);
                }
            } finally {
                unrecorded.addAndGet(-batch.size());
                recording.release();
            }
            roomFreed.run();
        }
    }

    /**
     * Records a run whose action left a step to commit with its outcome, alone and at once
     * ({@link RecordOutcome#finishWith}). When that transaction fails, nothing of the step is committed: the run
     * ends FAILED with the reason, recorded with the others (and kept through an outage), so its task's retry policy
     * decides whether the fire is tried again.
     *
     * @return the outcome: as recorded, or FAILED and waiting for the recorder
     */
    ExecutionOutcome recordWith(RecordOutcome.Finished run, CommitWithOutcome step) {
        unrecorded.incrementAndGet();
        try {
            ExecutionOutcome recorded = outcomes.finishWith(run, step);
            released.accept(run.fire().executionId());
            return recorded;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Execution " + run.fire().executionId() + " of task " + run.fire().taskName()
                    + ": its last step and its outcome were rolled back together; it ends FAILED", e);
            ExecutionOutcome ran = run.outcome();
            ExecutionOutcome failed = new ExecutionOutcome(ran.executionId(), ran.taskId(), ran.kind(),
                    ran.movesSchedule(), ExecutionStatus.FAILED, ran.startedAt(), ran.finishedAt(), Optional.empty(),
                    Optional.of(Bounded.text("Rolled back, nothing of it committed: " + Bounded.error(e),
                            Bounded.ERROR)), Optional.of(Bounded.stackTrace(e)), ran.report());
            add(new RecordOutcome.Finished(run.fire(), failed));
            return failed;
        } finally {
            unrecorded.decrementAndGet();
        }
    }

    /**
     * Records outcomes kept during an outage, in batches; those the database still cannot take are kept again.
     */
    void recordKept(List<RecordOutcome.Finished> outcomesKept) {
        for (int from = 0; from < outcomesKept.size(); from += MOST_PER_BATCH) {
            List<RecordOutcome.Finished> batch = outcomesKept.subList(from,
                    Math.min(outcomesKept.size(), from + MOST_PER_BATCH));
            if (!record(batch)) {
                List<RecordOutcome.Finished> left = outcomesKept.subList(from, outcomesKept.size());
                LOG.warning(() -> "Still cannot record " + left.size() + " kept outcomes; trying again at the next"
                        + " heartbeat");
                kept.keepOutcomes(left);
                return;
            }
            LOG.info(() -> "Recorded the kept outcomes of " + batch.size() + " executions");
        }
    }

    /**
     * Records one batch in one transaction. When one outcome's data fails it (the database says the data, not
     * itself, is at fault), each is recorded alone, so the others are not held back by it.
     *
     * @return false when the database failed the batch: the caller keeps it
     */
    private boolean record(List<RecordOutcome.Finished> batch) {
        try {
            outcomes.finishAll(batch);
            batch.forEach(finished -> released.accept(finished.fire().executionId()));
            return true;
        } catch (RuntimeException e) {
            if (batch.size() > 1 && Failures.blamesTaskData(e)) {
                LOG.log(Level.WARNING, "Could not record a batch of " + batch.size() + " outcomes for the data of"
                        + " one of them; recording them one at a time", e);
                for (RecordOutcome.Finished finished : batch) {
                    if (!record(List.of(finished))) {
                        kept.keepOutcomes(List.of(finished));
                    }
                }
                return true;
            }
            LOG.log(Level.WARNING, "Could not record the outcomes of " + batch.size() + " executions", e);
            return false;
        }
    }
}
