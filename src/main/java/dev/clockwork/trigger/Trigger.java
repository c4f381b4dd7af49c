package dev.clockwork.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One line of trigger text, parsed: {@code cron ...}, {@code at ...}, {@code every ...} or {@code in ...}.
 *
 * <p>A trigger is an immutable value. Its {@link #toString()} is the canonical text, which parses back to an equal
 * trigger. Fire-time math is a pure function of the trigger, the instant after which to look, the task's zone and
 * the task's anchor (its creation time, used by {@code in} and by {@code every} without {@code from}).
 */
public interface Trigger {

    /** Parses trigger text; {@code H} in cron fields hashes the empty name. */
    static Trigger parse(String text) {
        return parse(text, "");
    }

    /**
     * Parses trigger text for the named task ({@code H} in cron fields hashes this name).
     *
     * @throws TriggerFormatException when the text is not a valid trigger; the message names the field, the
     *     offending token, its 1-based column in {@code text} and the allowed values
     */
    static Trigger parse(String text, String taskName) {
        return TriggerParser.parse(text, taskName);
    }

    /**
     * The first fire time strictly after {@code after}, or empty when the trigger will never fire again.
     *
     * @param after the instant after which to look (exclusive)
     * @param zone the task's zone: cron fields and local date-times are read in it
     * @param anchor the task's creation time: {@code in} counts its delay from it, {@code every} without
     *     {@code from} counts its intervals from it
     */
    Optional<Instant> nextFireAfter(Instant after, ZoneId zone, Instant anchor);

    /** Up to {@code count} fire times strictly after {@code after}, in order; fewer when the trigger runs out. */
    default List<Instant> nextFiresAfter(Instant after, ZoneId zone, Instant anchor, int count) {
        Objects.requireNonNull(after, "after");
        List<Instant> fires = new ArrayList<>(Math.max(0, count));
        Instant cursor = after;
        while (fires.size() < count) {
            Optional<Instant> next = nextFireAfter(cursor, zone, anchor);
            if (next.isEmpty()) {
                break;
            }
            fires.add(next.get());
            cursor = next.get();
        }
        return fires;
    }

    /**
     * How the next fire is counted. For {@link Timing#FIXED_DELAY} the engine asks for the next fire after the end of
     * the previous run; otherwise after the previous fire time.
     */
    default Timing timing() {
        return Timing.FIXED_RATE;
    }

    /** Whether the trigger fires once only ({@code at}, {@code in}): no fire of it can come while another runs. */
    default boolean firesOnce() {
        return false;
    }

    /**
     * The most executions this trigger allows ({@code every ... times n}); empty when unbounded. Fixed-rate triggers
     * already stop by themselves in {@link #nextFireAfter}; for fixed-delay triggers the engine counts.
     */
    default OptionalLong maxFires() {
        return OptionalLong.empty();
    }

    /** The interval between fires of an {@code every} trigger; empty for the others. */
    default Optional<Duration> repeatsEvery() {
        return Optional.empty();
    }

    /** A plain-English description, e.g. "at 09:00, Monday through Friday", with times shown in {@code zone}. */
    String describe(ZoneId zone);

    /** The canonical trigger text; {@code parse(t.toString()).equals(t)}. */
    @Override
    String toString();
}
