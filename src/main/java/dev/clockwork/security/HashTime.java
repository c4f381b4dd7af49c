package dev.clockwork.security;

import java.time.Duration;

/**
 * How long a full PBKDF2 check takes on this node, as a moving average of the real ones. A login for a username
 * that does not exist waits this long instead of hashing, so it takes the time of a wrong password without its cost.
 */
final class HashTime {

    private volatile long averageNanos;

    HashTime(Duration first) {
        this.averageNanos = first.toNanos();
    }

    void measured(long nanos) {
        // An exponential moving average over about the last 8 checks: follows load, ignores one outlier.
        averageNanos = averageNanos + (nanos - averageNanos) / 8;
    }

    Duration typical() {
        return Duration.ofNanos(averageNanos);
    }
}
