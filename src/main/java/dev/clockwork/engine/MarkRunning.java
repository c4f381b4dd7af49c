package dev.clockwork.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Marks a fire claimed as queued running when a worker takes it, in one transaction with the queued fires the idle
 * workers take next (they go back to the queue as started), so a burst of queued fires costs one transaction, not one
 * each. Fires that cannot be marked while the database is away go to the {@link OutageBuffer}.
 */
final class MarkRunning {

    private static final Logger LOG = Logger.getLogger(MarkRunning.class.getName());

    private final PriorityBlockingQueue<ClaimedFire> queue;
    private final RecordOutcome outcomes;
    private final OutageBuffer kept;
    private final Clock clock;
    private final IntSupplier idleWorkers;
    private final LongConsumer released;
    /** Queued fires taken from the queue to be marked with another one; they go back to it. */
    private final AtomicInteger beingMarked = new AtomicInteger();

    /** @param released told of each fire that may no longer run here (cancelled, or taken over) */
    MarkRunning(PriorityBlockingQueue<ClaimedFire> queue, RecordOutcome outcomes, OutageBuffer kept, Clock clock,
                IntSupplier idleWorkers, LongConsumer released) {
        this.released = released;
        this.queue = queue;
        this.outcomes = outcomes;
        this.kept = kept;
        this.clock = clock;
        this.idleWorkers = idleWorkers;
    }

    /** Queued fires out of the queue while being marked running: they count as held. */
    int beingMarked() {
        return beingMarked.get();
    }

    /** The fire recorded as running, or empty when it may not run (cancelled, taken over, or the database away). */
    Optional<ClaimedFire> start(ClaimedFire fire) {
        if (fire.startedAt().isPresent()) {
            return Optional.of(fire);
        }
        List<ClaimedFire> toMark = new ArrayList<>(List.of(fire));
        toMark.addAll(takeUnstarted(idleWorkers.getAsInt()));
        List<Long> ids = toMark.stream().map(ClaimedFire::executionId).toList();
        Instant now = clock.instant();
        Set<Long> marked;
        try {
            marked = outcomes.markRunning(ids, now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not mark executions " + ids + " running; they start when the database"
                    + " answers again", e);
            toMark.forEach(kept::keepStart);
            beingMarked.addAndGet(1 - toMark.size());
            return Optional.empty();
        }
        for (ClaimedFire each : toMark) {
            if (!marked.contains(each.executionId())) {
                released.accept(each.executionId());
                LOG.info(() -> "Execution " + each.executionId() + " of task " + each.taskName()
                        + " is no longer queued and does not run");
            } else if (each != fire) {
                queue.add(each.startedAt(now));
            }
        }
        beingMarked.addAndGet(1 - toMark.size());
        return marked.contains(fire.executionId()) ? Optional.of(fire.startedAt(now)) : Optional.empty();
    }

    /**
     * Takes up to {@code count} fires not yet marked running from the head of the queue; they count as being marked
     * until they are back in the queue.
     */
    private List<ClaimedFire> takeUnstarted(int count) {
        if (count <= 0) {
            return List.of();
        }
        beingMarked.addAndGet(count);
        List<ClaimedFire> head = new ArrayList<>();
        queue.drainTo(head, count);
        List<ClaimedFire> unstarted = new ArrayList<>();
        for (ClaimedFire each : head) {
            if (each.startedAt().isPresent()) {
                queue.add(each);
            } else {
                unstarted.add(each);
            }
        }
        beingMarked.addAndGet(unstarted.size() - count);
        return unstarted;
    }
}
