package dev.clockwork.engine.rules;

import java.time.Duration;

/**
 * How long a node waits past a due time before it claims what is due, by how busy its workers are: an idle node
 * claims at once, a node whose workers are all busy {@link #MOST} later.
 *
 * <p>Every node wakes at the same due time, and clocks corrected by the database's agree only to within a round trip.
 * Without a back-off the node whose clock runs a little ahead wins every race: it takes every short fire, and every
 * long one while it has room, so that other nodes get only what it cannot hold. With it, the least busy node takes a
 * due fire, and long work spreads over the cluster. Claims for a backlog (workers that have room again) and at poll
 * ticks do not wait (docs/decisions/018-busy-backoff.md).
 */
public final class BusyBackoff {

    /** The wait of a node whose workers are all busy: a few round trips to the database, well within a poll. */
    public static final Duration MOST = Duration.ofMillis(10);

    private BusyBackoff() {
    }

    /**
     * @param busy workers running an action now
     * @param workers the node's workers
     */
    public static Duration of(int busy, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("A node has at least one worker, was " + workers);
        }
        int counted = Math.max(0, Math.min(busy, workers));
        return MOST.multipliedBy(counted).dividedBy(workers);
    }
}
