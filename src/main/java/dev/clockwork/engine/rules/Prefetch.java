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
     * Most fires claimed ahead per worker. A claim's commit costs about as much as writing a hundred fires, so a
     * backlog of no-op runs went from 13,400 to 19,200 executions/s on PostgreSQL when this rose from 8 to 32
     * (benchmark's quick mode, one node), and, with outcomes recorded 1,000 at a time, from 11,666-16,831 to
     * 13,449-18,982 when it rose from 32 to 64 and {@link #MOST_AHEAD} from 512 to 1,000 (300,000 runs; MariaDB
     * 13,250-14,717 against 13,881-14,207 before, no change).
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
     * recorded. A node thus claims no faster than it records: before, a backlog of no-op runs on MariaDB had its
     * actions all ended after 12 s and its outcomes recorded after 24 s, the unrecorded ones held in memory (and
     * retried by another node, had this one died).
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
