package dev.clockwork.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code in <delay>}: fires once, {@code delay} after the task's anchor (its creation time). Canonical text is
 * {@code in} and the canonical duration ({@code in 1.5h} becomes {@code in 1h30m}, see {@link DurationText}).
 *
 * @param delay positive and millisecond-exact
 */
record InTrigger(Duration delay) implements Trigger {

    InTrigger {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("delay must be positive, was " + delay);
        }
    }

    /** {@code anchor + delay} if that is strictly after {@code after}; elapsed time, so the zone plays no part. */
    @Override
    public Optional<Instant> nextFireAfter(Instant after, ZoneId zone, Instant anchor) {
        return Instants.plus(anchor, delay, 1).filter(fire -> fire.isAfter(after));
    }

    /** E.g. "once, 1 hour 30 minutes after creation". */
    @Override
    public String describe(ZoneId zone) {
        return "once, " + DurationWords.of(delay) + " after creation";
    }

    @Override
    public String toString() {
        return "in " + DurationText.format(delay);
    }

    @Override
    public boolean firesOnce() {
        return true;
    }
}
