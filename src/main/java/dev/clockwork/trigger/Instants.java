package dev.clockwork.trigger;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Instant arithmetic that answers "no such instant" instead of throwing when a sum leaves the Instant range. */
final class Instants {

    private Instants() {
    }

    /** {@code start + duration * count}, or empty when it is beyond what {@link Instant} can hold. */
    static Optional<Instant> plus(Instant start, Duration duration, long count) {
        try {
            return Optional.of(start.plus(duration.multipliedBy(count)));
        } catch (DateTimeException | ArithmeticException e) {
            // Only absurd anchors or indexes get here (the range is a billion years): such a fire never comes.
            return Optional.empty();
        }
    }

    /** Whole milliseconds from {@code start} to {@code end}, rounded down; {@code end} is not before {@code start}. */
    static Optional<Long> millisBetween(Instant start, Instant end) {
        try {
            return Optional.of(Duration.between(start, end).toMillis());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }
}
