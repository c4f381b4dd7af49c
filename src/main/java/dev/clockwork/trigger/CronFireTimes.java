package dev.clockwork.trigger;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;

/**
 * Turns the local date-times a cron expression matches into instants, following Vixie cron through daylight-saving
 * changes:
 *
 * <ul>
 *   <li>A <b>fixed-time</b> expression (any hour field but {@code *}) that matches a local time skipped by a jump
 *       forward fires once, at the first instant after the jump; one that matches a local time repeated by a jump
 *       back fires once, at its first occurrence.</li>
 *   <li>An expression whose hour field is {@code *} fires by elapsed time: at every instant whose local time matches,
 *       so it keeps its rhythm through both changes (nothing in the skipped hour, both passes of the repeated hour).
 *   </li>
 * </ul>
 */
final class CronFireTimes {

    /** Before any local date-time in 1970 in any zone (offsets stay within 18 hours). */
    private static final Instant EARLIEST = Instant.parse("1969-12-30T00:00:00Z");
    /** After any local date-time in 2199 in any zone. */
    private static final Instant LATEST = Instant.parse("2200-01-02T00:00:00Z");

    private CronFireTimes() {
    }

    /** The first fire time strictly after {@code after} in {@code zone}, or empty when the years run out. */
    static Optional<Instant> nextAfter(CronTrigger cron, Instant after, ZoneId zone) {
        if (after.isAfter(LATEST)) {
            return Optional.empty();
        }
        Instant from = after.isBefore(EARLIEST) ? EARLIEST : after;
        ZoneRules rules = zone.getRules();
        return cron.everyHour() ? byElapsedTime(cron, from, rules) : byFixedTime(cron, from, rules);
    }

    /**
     * Walks the stretches of constant offset from {@code after}: the first local match inside the current stretch
     * is the answer; when it lies beyond the stretch's end, the search goes on from the next transition.
     */
    private static Optional<Instant> byElapsedTime(CronTrigger cron, Instant after, ZoneRules rules) {
        Instant from = after;
        boolean inclusive = false;
        while (true) {
            ZoneOffset offset = rules.getOffset(from);
            LocalDateTime local = LocalDateTime.ofEpochSecond(from.getEpochSecond(), 0, offset);
            Optional<LocalDateTime> match = CronLocalTimes.firstAtOrAfter(cron,
                    inclusive ? local : local.plusSeconds(1));
            if (match.isEmpty()) {
                return Optional.empty();
            }
            Instant candidate = match.get().toInstant(offset);
            ZoneOffsetTransition end = rules.nextTransition(from);
            if (end == null || candidate.isBefore(end.getInstant())) {
                return Optional.of(candidate);
            }
            from = end.getInstant();
            inclusive = true;
        }
    }

    /**
     * Maps each local match to one instant (the first occurrence in an overlap, the end of the jump in a gap); that
     * mapping never goes backwards, so the first match that lands after {@code after} is the answer.
     */
    private static Optional<Instant> byFixedTime(CronTrigger cron, Instant after, ZoneRules rules) {
        ZoneOffset offset = rules.getOffset(after);
        LocalDateTime local = LocalDateTime.ofEpochSecond(after.getEpochSecond(), 0, offset);
        ZoneOffsetTransition overlap = rules.getTransition(local);
        // In the second pass of a repeated hour every match of that hour already fired in the first pass.
        LocalDateTime start = overlap != null && overlap.isOverlap() && offset.equals(overlap.getOffsetAfter())
                ? overlap.getDateTimeBefore() : local.plusSeconds(1);
        while (true) {
            Optional<LocalDateTime> match = CronLocalTimes.firstAtOrAfter(cron, start);
            if (match.isEmpty()) {
                return Optional.empty();
            }
            Instant fire = firstInstantOf(match.get(), rules);
            if (fire.isAfter(after)) {
                return Optional.of(fire);
            }
            start = match.get().plusSeconds(1);
        }
    }

    /** The earliest instant showing {@code local}, or the end of the jump when the clocks skip it. */
    private static Instant firstInstantOf(LocalDateTime local, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        Instant first = local.toInstant(offsets.get(0));
        for (ZoneOffset offset : offsets) {
            Instant other = local.toInstant(offset);
            if (other.isBefore(first)) {
                first = other;
            }
        }
        return first;
    }
}
