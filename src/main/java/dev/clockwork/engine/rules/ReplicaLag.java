package dev.clockwork.engine.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * How far a replica is behind, from this node's own heartbeats: the node remembers when it wrote its recent
 * heartbeats on the primary and compares them with the newest one the replica shows. The replica is behind by the
 * age of the oldest heartbeat it misses, so a replica that shows the newest one has no lag, however long ago that
 * was written, and one that stopped replaying falls behind by the time that passed since the first write it missed.
 * Thread-safe: the heartbeat notes its writes while a measurement reads them.
 */
public final class ReplicaLag {

    /** Heartbeats remembered: at 2 s a beat, well over a minute, more than any useful {@code max-lag}. */
    static final int REMEMBERED = 64;

    private final Deque<Instant> written = new ArrayDeque<>();

    /** Notes a heartbeat written on the primary at {@code at} (as stored: to the microsecond). */
    public synchronized void wrote(Instant at) {
        Instant stored = at.truncatedTo(ChronoUnit.MICROS);
        if (!written.isEmpty() && !stored.isAfter(written.peekLast())) {
            return;
        }
        written.addLast(stored);
        if (written.size() > REMEMBERED) {
            written.removeFirst();
        }
    }

    /**
     * The replica's lag at {@code now}, given the heartbeat of this node it shows ({@code seen}, empty when it has
     * no row of this node yet).
     */
    public synchronized Duration lag(Optional<Instant> seen, Instant now) {
        Optional<Instant> firstMissed = written.stream()
                .filter(at -> seen.map(at::isAfter).orElse(true)).findFirst();
        if (firstMissed.isEmpty()) {
            return Duration.ZERO;
        }
        Duration lag = Duration.between(firstMissed.get(), now);
        return lag.isNegative() ? Duration.ZERO : lag;
    }
}
