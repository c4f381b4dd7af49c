package dev.clockwork.engine.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a read may go to the replica: only while its last measured lag is within {@code max-lag}, it answered its
 * last measurement within {@code timeout} and no read has failed on it since, and never for a user who changed
 * something less than {@code sticky} ago (read-your-writes). Thread-safe: requests ask, the heartbeat measures.
 */
public final class ReplicaGuard {

    /** What the replica is to reads. */
    public enum State {
        /** Reads that may go to the replica do. */
        IN_USE,
        /** The replica is more than {@code max-lag} behind: reads go to the primary until it has caught up. */
        LAGGING,
        /** The replica did not answer (or not in time, or not yet): reads go to the primary. */
        DOWN
    }

    /**
     * The replica as last measured.
     *
     * @param lag the last measured lag; empty before the first successful measurement
     * @param detail a sentence for people: why it is in this state
     */
    public record Status(State state, Optional<Duration> lag, String detail) {
        public Status {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(lag, "lag");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A measurement stuck for this many timeouts no longer stops a new one from starting. */
    private static final int STUCK_TIMEOUTS = 5;

    private final ReadConfig config;
    private final Clock clock;
    private final Map<String, Instant> lastChanges = new ConcurrentHashMap<>();
    private volatile Status status = new Status(State.DOWN, Optional.empty(), "the replica's lag is not measured yet");
    /** When the measurement in flight started; null when none is. */
    private volatile Instant measuringSince;

    public ReplicaGuard(ReadConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether {@code user}'s reads may go to the replica now. */
    public boolean replicaAllowed(String user) {
        Instant now = clock.instant();
        if (status(now).state() != State.IN_USE) {
            return false;
        }
        Instant changed = lastChanges.get(user);
        return changed == null || !now.isBefore(changed.plus(config.sticky()));
    }

    /** Notes that {@code user} changed something now: their reads go to the primary for {@code sticky}. */
    public void changed(String user) {
        lastChanges.put(user, clock.instant());
    }

    /** The replica's state now. */
    public Status status() {
        return status(clock.instant());
    }

    /**
     * Starts a measurement, unless one is in flight (and not stuck).
     *
     * @return the start of the measurement, to hand back to {@link #measured} or {@link #failed}; empty when one is
     *     already in flight
     */
    public synchronized Optional<Instant> startMeasuring() {
        Instant now = clock.instant();
        Instant since = measuringSince;
        if (since != null && now.isBefore(since.plus(config.timeout().multipliedBy(STUCK_TIMEOUTS)))) {
            return Optional.empty();
        }
        measuringSince = now;
        return Optional.of(now);
    }

    /** Records a measurement started at {@code startedAt} that found the replica {@code lag} behind. */
    public synchronized void measured(Instant startedAt, Duration lag) {
        Instant now = clock.instant();
        finish(startedAt);
        Duration took = Duration.between(startedAt, now);
        if (took.compareTo(config.timeout()) > 0) {
            status = new Status(State.DOWN, Optional.of(lag), "the replica answered in " + took.toMillis()
                    + " ms, over clockwork.read.timeout (" + config.timeout() + ")");
        } else if (lag.compareTo(config.maxLag()) > 0) {
            status = new Status(State.LAGGING, Optional.of(lag), "the replica is " + lag.toMillis()
                    + " ms behind, over clockwork.read.max-lag (" + config.maxLag() + ")");
        } else {
            status = new Status(State.IN_USE, Optional.of(lag), "the replica is " + lag.toMillis() + " ms behind");
        }
        forgetOldChanges(now);
    }

    /** Records a measurement started at {@code startedAt} that failed. */
    public synchronized void failed(Instant startedAt, String reason) {
        finish(startedAt);
        down(reason);
    }

    /** Records that a read could not use the replica: reads go to the primary until a measurement succeeds. */
    public synchronized void readFailed(String reason) {
        down(reason);
    }

    private void down(String reason) {
        status = new Status(State.DOWN, status.lag(), "the replica does not answer: " + reason);
    }

    private void finish(Instant startedAt) {
        if (startedAt.equals(measuringSince)) {
            measuringSince = null;
        }
    }

    private Status status(Instant now) {
        Instant since = measuringSince;
        if (since != null && now.isAfter(since.plus(config.timeout()))) {
            return new Status(State.DOWN, status.lag(), "the replica has not answered for "
                    + Duration.between(since, now).toMillis() + " ms, over clockwork.read.timeout ("
                    + config.timeout() + ")");
        }
        return status;
    }

    private void forgetOldChanges(Instant now) {
        lastChanges.values().removeIf(at -> !now.isBefore(at.plus(config.sticky())));
    }
}
