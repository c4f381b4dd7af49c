package dev.clockwork.engine.rules;

import dev.clockwork.api.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the next attempt of a fire whose run failed is due, by the task's {@link RetryPolicy}: attempt <i>n+1</i>
 * comes {@code min(backoff × multiplier^(n-1), maxBackoff)} after attempt <i>n</i> ended, moved by up to
 * {@code jitter} times that delay either way.
 */
public final class RetryDelays {

    private RetryDelays() {
    }

    /**
     * The delay after attempt {@code ended} (1 for the first run).
     *
     * @param draw a random number in [0, 1) that picks the jitter: 0 the shortest, 0.5 none, towards 1 the longest
     */
    public static Duration delay(RetryPolicy policy, int ended, double draw) {
        if (ended < 1) {
            throw new IllegalArgumentException("Attempts count from 1, was " + ended);
        }
        double base = policy.backoff().toMillis() * Math.pow(policy.multiplier(), ended - 1);
        double capped = Math.min(base, policy.maxBackoff().toMillis());
        double jittered = capped * (1 + policy.jitter() * (2 * draw - 1));
        return Duration.ofMillis(Math.max(0, Math.round(jittered)));
    }

    /**
     * When the next attempt is due after attempt {@code ended} of a fire ended at {@code endedAt}, or empty when it
     * was the last the policy allows.
     */
    public static Optional<Instant> nextAttemptAt(RetryPolicy policy, int ended, Instant endedAt, double draw) {
        if (ended >= policy.attempts()) {
            return Optional.empty();
        }
        return Optional.of(endedAt.plus(delay(policy, ended, draw)));
    }
}
