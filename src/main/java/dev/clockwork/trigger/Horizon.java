package dev.clockwork.trigger;

import java.time.Instant;
import java.util.Optional;

/**
 * The end of Clockwork's time: nothing fires at or after {@link #END}. Instants are stored as microseconds since
 * 1970 in a 64-bit column, exact on every database until 2262-04-11; the horizon keeps every fire time, and the
 * clock arithmetic done beyond it (lateness, the clock's offset), well inside that range (docs/triggers.md, "The horizon").
 */
public final class Horizon {

    /** The first instant at which nothing fires any more (exclusive bound of every fire time). */
    public static final Instant END = Instant.parse("2200-01-01T00:00:00Z");

    private Horizon() {
    }

    /** Whether {@code fire} is before the horizon. */
    public static boolean includes(Instant fire) {
        return fire.isBefore(END);
    }

    /** The fire time if it is before the horizon; empty when there is none or it is beyond. */
    public static Optional<Instant> within(Optional<Instant> fire) {
        return fire.filter(Horizon::includes);
    }

    /** Why a trigger whose first fire is at {@code fire} is refused, and how to fix it. */
    public static String refusal(Trigger trigger, Instant fire) {
        return "fire times must be before " + END + "; the first fire of \"" + trigger + "\" would be at " + fire
                + ". Choose an earlier time or a shorter interval.";
    }
}
