package dev.clockwork.engine.rules;

import dev.clockwork.store.TaskStore;
import java.time.Duration;

/**
 * How many claimed fires may wait for a worker beyond the free ones. At least {@code clockwork.prefetch}; more while
 * recent runs are short: as many as the workers finish within {@link #QUEUE_WAIT}, at most {@link #PER_WORKER} per
 * worker and {@link #MOST_AHEAD} in all. A fire claimed ahead thus waits about {@link #QUEUE_WAIT} at most, so a node
 * never holds long work that another node could start now, and a backlog of short runs is claimed in big batches (a
 * claim costs the same few statements for one fire or a hundred).
 */
public final class Prefetch {

    /** About the longest a fire claimed ahead should wait for a worker. */
    public static final Duration QUEUE_WAIT = Duration.ofMillis(50);
    /**
     * Most fires claimed ahead per worker. A claim's commit costs about as much as writing many fires, so a backlog of
     * short runs is claimed in big batches (docs/decisions/012-prefetch.md).
     */
    public static final int PER_WORKER = 64;
    /**
     * Most fires claimed ahead in all, whatever the number of workers: a claim's statements name each fire, and one
     * statement names at most {@link TaskStore#MOST_IDS} ids.
     */
    public static final int MOST_AHEAD = TaskStore.MOST_IDS;

    private Prefetch() {
    }

    /**
     * How many more fires a node may claim now: its workers and {@code ahead} more, less the fires it holds (running,
     * queued, or being marked running), and less the outcomes beyond {@code recordedAtOnce} that wait to be
     * recorded. A node thus claims no faster than it records, so a backlog of short runs cannot leave thousands of
     * outcomes in memory, unrecorded (docs/decisions/012-prefetch.md).
     *
     * @param recordedAtOnce how many outcomes the node's recording transactions take at once
     */
    public static int room(int workers, int ahead, int held, int unrecorded, int recordedAtOnce) {
        int recordingBehind = Math.max(0, unrecorded - recordedAtOnce);
        return Math.max(0, workers + ahead - held - recordingBehind);
    }

    /**
     * @param workers the node's workers
     * @param floor {@code clockwork.prefetch}
     * @param meanRun the mean time of recent runs
     */
    public static int depth(int workers, int floor, Duration meanRun) {
        return Math.max(floor, startingWithinWait(workers, meanRun));
    }

    /**
     * How many fires claimed ahead the workers start within {@link #QUEUE_WAIT}, at runs of {@code meanRun}: none
     * while runs are long. The claim records these as running at once, as it does the fires of free workers, which
     * saves marking them running a moment later in a transaction of their own.
     */
    public static int startingWithinWait(int workers, Duration meanRun) {
        long meanNanos = Math.max(1, meanRun.toNanos());
        long finishedInWait = workers * (QUEUE_WAIT.toNanos() / meanNanos);
        return (int) Math.min(finishedInWait, Math.min((long) workers * PER_WORKER, MOST_AHEAD));
    }
}
