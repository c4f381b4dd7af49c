package dev.clockwork.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code every <interval> [after each run] [from <when>] [until <when>] [times <n>]}: a recurring trigger counted in
 * elapsed time, never wall time, so daylight saving changes nothing.
 *
 * <p><b>Start.</b> The first fire is {@code from}, or one interval after the task's anchor (its creation time) when
 * {@code from} is left out.
 *
 * <p><b>Fixed rate</b> (the default): fire {@code k} (k = 0, 1, 2, ...) is {@code start + k * interval}; fires are
 * anchored and never drift, however long a run takes. {@code times n} allows fires 0 to n-1; {@code until} is
 * inclusive.
 *
 * <p><b>Fixed delay</b> ({@code after each run}): the next fire is one interval after the end of the previous run.
 * {@link #timing()} is {@link Timing#FIXED_DELAY}, so the engine asks for the next fire after the end of the run;
 * before {@code start} the answer is {@code start}. {@code until} still applies; {@code times n} is reported by
 * {@link #maxFires()} for the engine to count, since the trigger cannot know how many runs already happened.
 *
 * <p>Canonical text: {@code every}, the canonical interval ({@link DurationText}), then {@code after each run},
 * {@code from}, {@code until} and {@code times} in that order, each only when given, e.g.
 * {@code every 1m30s after each run from 2026-01-01T00:00Z times 10}.
 *
 * @param interval positive and millisecond-exact
 * @param from the first fire time, or empty for one interval after the anchor
 * @param until the last allowed fire time (inclusive), or empty
 * @param times the number of executions, at least 1, or empty for no limit
 * @param timing fixed rate or fixed delay
 */
record EveryTrigger(Duration interval, Optional<When> from, Optional<When> until, OptionalLong times, Timing timing)
        implements Trigger {

    EveryTrigger {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(timing, "timing");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        if (times.isPresent() && times.getAsLong() < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times.getAsLong());
        }
    }

    @Override
    public Optional<Instant> nextFireAfter(Instant after, ZoneId zone, Instant anchor) {
        Optional<Instant> start = from.map(when -> when.in(zone)).or(() -> Instants.plus(anchor, interval, 1));
        Optional<Instant> next = start.flatMap(first -> timing == Timing.FIXED_RATE
                ? nextAtFixedRate(first, after) : nextAtFixedDelay(first, after));
        return next.filter(fire -> until.isEmpty() || !fire.isAfter(until.get().in(zone)));
    }

    /** Jumps straight to the first fire after {@code after}: k = floor((after - start) / interval) + 1. */
    private Optional<Instant> nextAtFixedRate(Instant start, Instant after) {
        if (after.isBefore(start)) {
            return Optional.of(start);
        }
        // The interval is a whole number of milliseconds, so flooring the elapsed time to milliseconds first cannot
        // move it across a multiple of the interval.
        Optional<Long> index = Instants.millisBetween(start, after).map(elapsed -> elapsed / interval.toMillis() + 1);
        if (index.isEmpty() || times.isPresent() && index.get() >= times.getAsLong()) {
            return Optional.empty();
        }
        return Instants.plus(start, interval, index.get());
    }

    private Optional<Instant> nextAtFixedDelay(Instant start, Instant after) {
        return after.isBefore(start) ? Optional.of(start) : Instants.plus(after, interval, 1);
    }

    @Override
    public Timing timing() {
        return timing;
    }

    @Override
    public OptionalLong maxFires() {
        return times;
    }

    @Override
    public Optional<Duration> repeatsEvery() {
        return Optional.of(interval);
    }

    /**
     * E.g. "every 90 seconds from 2026-01-01 00:00 UTC, 10 times" or "every 5 minutes, counted from the end of each
     * run".
     */
    @Override
    public String describe(ZoneId zone) {
        StringBuilder text = new StringBuilder("every ").append(DurationWords.of(interval));
        from.ifPresent(when -> text.append(" from ").append(when.describe(zone)));
        until.ifPresent(when -> text.append(" until ").append(when.describe(zone)));
        times.ifPresent(n -> text.append(n == 1 ? ", once" : ", " + n + " times"));
        if (timing == Timing.FIXED_DELAY) {
            text.append(", counted from the end of each run");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("every ").append(DurationText.format(interval));
        if (timing == Timing.FIXED_DELAY) {
            text.append(" after each run");
        }
        from.ifPresent(when -> text.append(" from ").append(when));
        until.ifPresent(when -> text.append(" until ").append(when));
        times.ifPresent(n -> text.append(" times ").append(n));
        return text.toString();
    }
}
