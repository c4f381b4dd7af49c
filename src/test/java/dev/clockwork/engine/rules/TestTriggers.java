package dev.clockwork.engine.rules;

import dev.clockwork.trigger.Timing;
import dev.clockwork.trigger.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalLong;

/** Minimal triggers with obvious maths, so the engine's rules are tested apart from the trigger parser. */
final class TestTriggers {

    private TestTriggers() {
    }

    /** Fires every {@code interval} counted from the anchor. */
    static Trigger fixedRate(Duration interval) {
        return new Trigger() {
            @Override
            public Optional<Instant> nextFireAfter(Instant after, ZoneId zone, Instant anchor) {
                long k = Math.max(0, Duration.between(anchor, after).toMillis() / interval.toMillis() + 1);
                return Optional.of(anchor.plus(interval.multipliedBy(k)));
            }

            @Override
            public String describe(ZoneId zone) {
                return "every " + interval;
            }

            @Override
            public String toString() {
                return "test fixed rate " + interval;
            }
        };
    }

    /** Fires once at {@code at}. */
    static Trigger once(Instant at) {
        return new Trigger() {
            @Override
            public Optional<Instant> nextFireAfter(Instant after, ZoneId zone, Instant anchor) {
                return at.isAfter(after) ? Optional.of(at) : Optional.empty();
            }

            @Override
            public String describe(ZoneId zone) {
                return "once at " + at;
            }

            @Override
            public String toString() {
                return "test once " + at;
            }
        };
    }

    /** Fires {@code delay} after the previous run ended, at most {@code times} times. */
    static Trigger fixedDelay(Duration delay, long times) {
        return new Trigger() {
            @Override
            public Optional<Instant> nextFireAfter(Instant after, ZoneId zone, Instant anchor) {
                return Optional.of(after.plus(delay));
            }

            @Override
            public Timing timing() {
                return Timing.FIXED_DELAY;
            }

            @Override
            public OptionalLong maxFires() {
                return OptionalLong.of(times);
            }

            @Override
            public String describe(ZoneId zone) {
                return "every " + delay + " after each run";
            }

            @Override
            public String toString() {
                return "test fixed delay " + delay;
            }
        };
    }
}
