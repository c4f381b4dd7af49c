package dev.clockwork.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a task's failed runs are retried: attempt <i>n+1</i> of a fire is due
 * {@code min(backoff × multiplier^(n-1), maxBackoff)} after attempt <i>n</i> ended, give or take {@code jitter} times
 * that delay. Runs that end {@code FAILED}, {@code TIMED_OUT} or {@code NODE_LOST} are retried; a retry is a new
 * execution of the same fire (same fire time and idempotency key, kind {@code RETRY}).
 *
 * @param attempts runs of one fire in all, the first included: 1 means no retry
 * @param backoff the delay before the first retry
 * @param multiplier how much each delay grows over the one before (at least 1)
 * @param maxBackoff the longest delay
 * @param jitter the share of a delay by which it may randomly be longer or shorter (0 to 1), so that the retries of
 *     many tasks that failed together do not all come at once
 */
public record RetryPolicy(int attempts, Duration backoff, double multiplier, Duration maxBackoff, double jitter)
        implements Serializable {

    /** No retry: one attempt per fire. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, 0.0);
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);
    public static final double DEFAULT_JITTER = 0.1;

    public RetryPolicy {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /** {@code attempts} runs per fire, with the default back-off: 10 s, doubling, at most 1 h, ±10 %. */
    public static RetryPolicy attempts(int attempts) {
        return new RetryPolicy(attempts, DEFAULT_BACKOFF, DEFAULT_MULTIPLIER, DEFAULT_MAX_BACKOFF, DEFAULT_JITTER);
    }

    /** Whether a fire may run more than once. */
    public boolean retries() {
        return attempts > 1;
    }

    public RetryPolicy withBackoff(Duration value) {
        return new RetryPolicy(attempts, value, multiplier, maxBackoff, jitter);
    }

    public RetryPolicy withMultiplier(double value) {
        return new RetryPolicy(attempts, backoff, value, maxBackoff, jitter);
    }

    public RetryPolicy withMaxBackoff(Duration value) {
        return new RetryPolicy(attempts, backoff, multiplier, value, jitter);
    }

    public RetryPolicy withJitter(double value) {
        return new RetryPolicy(attempts, backoff, multiplier, maxBackoff, value);
    }
}
