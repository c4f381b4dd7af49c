package dev.clockwork.engine.rules;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a run takes on this node, as far as it can tell, for sizing its claims ({@link Prefetch}): the moving mean
 * of recent runs, each weighing 1/{@value #WEIGHT}, or the age of the oldest run in progress when that is longer
 * (workers all held by long runs must not look fast because their last runs were). One second until runs tell
 * otherwise, so a node claims no more than {@code clockwork.prefetch} ahead before it knows its runs are short.
 * Safe for use by many worker threads.
 */
public final class RunTimes implements WorkerCapacity.Runs {

    /** How much one run moves the mean: 1/16. */
    static final int WEIGHT = 16;
    static final Duration FIRST_GUESS = Duration.ofSeconds(1);

    private final Ticker ticker;
    private final AtomicLong meanNanos = new AtomicLong(FIRST_GUESS.toNanos());
    /** When each run in progress began ({@link Ticker}), by execution id. */
    private final Map<Long, Long> since = new ConcurrentHashMap<>();

    public RunTimes(Ticker ticker) {
        this.ticker = ticker;
    }

    /** A run of {@code executionId} begins now. */
    public void started(long executionId) {
        since.put(executionId, ticker.read());
    }

    /**
     * The run of {@code executionId} ended now; its time joins the mean.
     *
     * @return how long it took, in nanoseconds
     * @throws IllegalStateException when no run of it was started
     */
    public long ended(long executionId) {
        Long began = since.remove(executionId);
        if (began == null) {
            throw new IllegalStateException("Execution " + executionId + " ended without having started");
        }
        long took = ticker.read() - began;
        meanNanos.getAndUpdate(mean -> mean + (took - mean) / WEIGHT);
        return took;
    }

    /** The mean of recent runs, or the age of the oldest run in progress when that is longer. */
    @Override
    public Duration estimate() {
        long now = ticker.read();
        long oldest = since.values().stream().mapToLong(began -> now - began).max().orElse(0);
        return Duration.ofNanos(Math.max(meanNanos.get(), oldest));
    }

    @Override
    public Duration mean() {
        return Duration.ofNanos(meanNanos.get());
    }
}
