package dev.clockwork.store.jpa;

import dev.clockwork.api.FirePolicy;
import dev.clockwork.api.Misfire;
import dev.clockwork.api.Overlap;
import dev.clockwork.api.RetryPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * A task's policies in its columns: {@code timeout_ms}; the retry policy in {@code max_attempts} and the
 * {@code retry_*} columns, which are null when the task is not retried; the fire policy in {@code misfire},
 * {@code grace_ms} (null for the node's catch-up window) and {@code overlap}.
 */
final class PolicyColumns {

    private PolicyColumns() {
    }

    static Optional<Duration> timeout(Long timeoutMs) {
        return Optional.ofNullable(timeoutMs).map(Duration::ofMillis);
    }

    static Long timeoutMs(Optional<Duration> timeout) {
        return timeout.map(Duration::toMillis).orElse(null);
    }

    static RetryPolicy retry(int maxAttempts, Long backoffMs, Double multiplier, Long maxBackoffMs, Double jitter) {
        if (maxAttempts <= 1 || backoffMs == null || multiplier == null || maxBackoffMs == null || jitter == null) {
            return RetryPolicy.NONE;
        }
        return new RetryPolicy(maxAttempts, Duration.ofMillis(backoffMs), multiplier, Duration.ofMillis(maxBackoffMs),
                jitter);
    }

    static FirePolicy fires(String misfire, Long graceMs, String overlap) {
        return new FirePolicy(Misfire.valueOf(misfire), Optional.ofNullable(graceMs).map(Duration::ofMillis),
                Overlap.valueOf(overlap));
    }

    /** Copies a task's policies into its entity. */
    static void copy(Optional<Duration> timeout, RetryPolicy retry, FirePolicy fires, TaskEntity e) {
        e.misfire = fires.misfire().name();
        e.graceMs = fires.grace().map(Duration::toMillis).orElse(null);
        e.overlap = fires.overlap().name();
        e.timeoutMs = timeoutMs(timeout);
        e.maxAttempts = retry.attempts();
        boolean retries = retry.retries();
        e.retryBackoffMs = retries ? retry.backoff().toMillis() : null;
        e.retryMultiplier = retries ? retry.multiplier() : null;
        e.retryMaxBackoffMs = retries ? retry.maxBackoff().toMillis() : null;
        e.retryJitter = retries ? retry.jitter() : null;
    }
}
