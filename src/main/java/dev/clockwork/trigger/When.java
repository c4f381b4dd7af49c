package dev.clockwork.trigger;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A date-time as written after {@code at}, {@code from} and {@code until}: either with a fixed offset, which names
 * one instant, or without, which is read in the task's zone when fire times are computed.
 *
 * <p>Canonical text is ISO-8601: {@code 2026-12-31T23:59}, {@code 2026-12-31T23:59:30+01:00}, {@code ...Z}; seconds
 * and fractions appear only when not zero.
 *
 * @param local the date and time as written
 * @param offset the offset as written, or empty when the time is local to the task's zone
 */
record When(LocalDateTime local, Optional<ZoneOffset> offset) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    When {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(offset, "offset");
    }

    /**
     * The instant this names in {@code zone}. A local time that the zone skips (spring forward) means the first
     * instant after the jump, as Vixie cron fires a skipped time right after the jump; a local time that occurs
     * twice (fall back) means the earlier occurrence.
     */
    Instant in(ZoneId zone) {
        if (offset.isPresent()) {
            return local.toInstant(offset.get());
        }
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        // In an overlap the offset before the transition comes first, and it is the larger one: the earlier instant.
        return local.toInstant(offsets.get(0));
    }

    /**
     * Whether this is certainly before {@code other} in every zone; false when unsure, because a local time and an
     * offset time can only be ordered once the task's zone is known.
     */
    boolean isCertainlyBefore(When other) {
        if (offset.isPresent() != other.offset.isPresent()) {
            return false;
        }
        return in(ZoneOffset.UTC).isBefore(other.in(ZoneOffset.UTC));
    }

    /** Plain English in {@code zone}, e.g. "2026-12-31 23:59 Europe/Paris". */
    String describe(ZoneId zone) {
        return describe(in(zone), zone);
    }

    /** An instant in plain English in {@code zone}; seconds and milliseconds shown only when not zero. */
    static String describe(Instant instant, ZoneId zone) {
        LocalDateTime shown = LocalDateTime.ofInstant(instant, zone);
        DateTimeFormatter format = shown.getNano() != 0 ? MILLIS : shown.getSecond() != 0 ? SECONDS : MINUTES;
        String zoneName = zone.getId().equals("Z") ? "UTC" : zone.getId();
        return format.format(shown) + " " + zoneName;
    }

    @Override
    public String toString() {
        return local + offset.map(ZoneOffset::toString).orElse("");
    }
}
