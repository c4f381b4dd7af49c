package dev.clockwork.trigger;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.StringJoiner;

/**
 * Durations in plain English for {@link Trigger#describe}: "250 milliseconds", "90 seconds", "1.5 seconds",
 * "1 hour 30 minutes", "2 weeks".
 *
 * <p>Under two minutes a duration is said in seconds, as people say "90 seconds" rather than "1 minute 30 seconds";
 * longer ones are said part by part, largest first.
 */
final class DurationWords {

    private static final String[] NAMES = {"week", "day", "hour", "minute", "second", "millisecond"};
    private static final long[] MILLIS = {604_800_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};

    private DurationWords() {
    }

    /** The duration in words; {@code duration} is positive and millisecond-exact. */
    static String of(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return count(millis, "millisecond");
        }
        if (millis < 120_000) {
            BigDecimal seconds = BigDecimal.valueOf(millis, 3).stripTrailingZeros();
            return seconds.toPlainString() + (seconds.compareTo(BigDecimal.ONE) == 0 ? " second" : " seconds");
        }
        return inParts(millis);
    }

    private static String inParts(long millis) {
        // Whole weeks read naturally ("2 weeks"); otherwise days are the largest part ("10 days", not "1 week 3 days").
        int first = millis % MILLIS[0] == 0 ? 0 : 1;
        StringJoiner words = new StringJoiner(" ");
        long rest = millis;
        for (int i = first; i < NAMES.length; i++) {
            long count = rest / MILLIS[i];
            rest -= count * MILLIS[i];
            if (count > 0) {
                words.add(count(count, NAMES[i]));
            }
        }
        return words.toString();
    }

    private static String count(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
