package dev.clockwork.trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code at <when>}: fires once. Canonical text is {@code at} and the ISO-8601 date-time ({@code at 202612312359}
 * becomes {@code at 2026-12-31T23:59}); an offset is kept as written, a time without one is read in the task's zone.
 *
 * @param when the fire time
 */
record AtTrigger(When when) implements Trigger {

    AtTrigger {
        Objects.requireNonNull(when, "when");
    }

    /** The fire time if it is strictly after {@code after}; the anchor plays no part. */
    @Override
    public Optional<Instant> nextFireAfter(Instant after, ZoneId zone, Instant anchor) {
        Instant fire = when.in(zone);
        return fire.isAfter(after) ? Optional.of(fire) : Optional.empty();
    }

    /** E.g. "once at 2026-12-31 23:59 Europe/Paris". */
    @Override
    public String describe(ZoneId zone) {
        return "once at " + when.describe(zone);
    }

    @Override
    public String toString() {
        return "at " + when;
    }

    @Override
    public boolean firesOnce() {
        return true;
    }
}
