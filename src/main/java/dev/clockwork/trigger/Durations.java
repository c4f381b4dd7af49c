package dev.clockwork.trigger;

import java.time.Duration;

/**
 * The trigger language's duration text ({@code 90s}, {@code 1h30m}, {@code PT5M}, a bare number of minutes) for the
 * durations of task policies, such as a timeout or a retry's back-off: the same spellings, limits and errors as
 * {@code every} and {@code in}.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * Reads {@code text} as a positive duration, exact to the millisecond.
     *
     * @param part how an error names it, e.g. "timeout"
     * @throws TriggerFormatException naming {@code part} and the column when it is not one
     */
    public static Duration parse(String text, String part) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty() || trimmed.chars().anyMatch(Character::isWhitespace)) {
            String given = text == null ? "" : text;
            throw new TriggerFormatException(part, given, 1, part + ": \"" + given + "\" is not a duration; write one"
                    + " word such as 30s, 1h30m, 1.5h or PT5M");
        }
        return DurationText.parse(new Word(trimmed, 1), part, trimmed);
    }

    /** The canonical text of a positive, millisecond-exact duration ({@code 30s}, {@code 1h30m}, {@code 2w}). */
    public static String format(Duration duration) {
        return DurationText.format(duration);
    }
}
