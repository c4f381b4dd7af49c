package dev.clockwork.engine.rules;

import java.time.Duration;

/**
 * How much work a node's workers may take now, from what they hold ({@link Load}) and what their runs take
 * ({@link RunTimes}): the room for a claim, how many claimed fires start at once, and when the workers ask for more
 * before they run dry. The arithmetic is {@link Prefetch}'s (docs/decisions/012-prefetch.md).
 */
public final class WorkerCapacity {

    private final int workers;
    private final int prefetchFloor;
    private final int recordedAtOnce;
    private final Runs runTimes;

    /** What runs take on a node: {@link RunTimes} in the server. */
    public interface Runs {

        /** What a run takes, as far as the node can tell (a long run in progress counts). */
        Duration estimate();

        /** The moving mean of recent runs alone. */
        Duration mean();
    }

    /**
     * @param workers the node's workers ({@code clockwork.workers}); with none, there is never room
     * @param prefetchFloor the least claimed ahead ({@code clockwork.prefetch})
     * @param recordedAtOnce how many outcomes the node's recording transactions take at once
     * @param runTimes what runs take on this node
     */
    public WorkerCapacity(int workers, int prefetchFloor, int recordedAtOnce, Runs runTimes) {
        if (workers < 0) {
            throw new IllegalArgumentException("A node's workers cannot be negative, was " + workers);
        }
        this.workers = workers;
        this.prefetchFloor = prefetchFloor;
        this.recordedAtOnce = recordedAtOnce;
        this.runTimes = runTimes;
    }

    /** What a node's workers hold now. */
    public record Load(int busy, int queued, int beingMarked, int unrecordedOutcomes) {

        /** Nothing held: no run, no queued fire, no outcome waiting. */
        public static final Load IDLE = new Load(0, 0, 0, 0);

        int held() {
            return busy + queued + beingMarked;
        }
    }

    /**
     * How many more fires the dispatcher may claim: free workers plus the prefetch, which grows while recent runs are
     * short.
     */
    public int claimable(Load load) {
        return roomFor(Prefetch.depth(workers, prefetchFloor, runTimes.estimate()), load);
    }

    /**
     * How many fires claimed now start at once or within {@link Prefetch#QUEUE_WAIT}: one for each worker that would
     * be left without a fire, plus those the workers take within that wait while runs are short. The claim records
     * them as running.
     */
    public int startable(Load load) {
        return roomFor(Prefetch.startingWithinWait(workers, runTimes.estimate()), load);
    }

    /**
     * Whether the queue is down to half of what it may hold ahead, the moment the workers ask the dispatcher for
     * more: the next claim then overlaps the runs of the fires still queued, instead of starting when the workers ran
     * out of work (a claim takes milliseconds, in which short runs would empty a queue many times over).
     */
    public boolean atLowWater(int queued) {
        return queued <= Prefetch.depth(workers, prefetchFloor, runTimes.mean()) / 2;
    }

    private int roomFor(int ahead, Load load) {
        if (workers == 0) {
            return 0;
        }
        return Prefetch.room(workers, ahead, load.held(), load.unrecordedOutcomes(), recordedAtOnce);
    }
}
