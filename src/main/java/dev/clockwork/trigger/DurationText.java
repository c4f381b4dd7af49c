package dev.clockwork.trigger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration text shared by {@code every <interval>} and {@code in <delay>}.
 *
 * <p>Accepted spellings: a bare number, meaning minutes ({@code 2}, {@code 1.5}); numbers with units {@code w d h m s
 * ms}, largest unit first, each at most once, fractions allowed in every unit ({@code 90s}, {@code 1h30m},
 * {@code 1.5h}, {@code 13d11h29m29.5s500ms}); or an ISO-8601 duration ({@code PT15M}, {@code P1DT2H}). Units and
 * {@code P}/{@code T} are case-insensitive. The value is exact to the millisecond: it is summed in decimal, so
 * {@code 29.5s500ms} is exactly 30 seconds, and a value with a part finer than a millisecond is rejected rather than
 * rounded. It must be at least 1 ms and at most {@link #LONGEST}.
 *
 * <p>Canonical text ({@link #format}): a whole number of weeks is written in weeks ({@code 2w}); anything else in
 * days, hours, minutes, seconds and milliseconds, largest first, zero parts left out ({@code 1h30m}, {@code 30s},
 * {@code 1s500ms}).
 */
final class DurationText {

    /** 10,000 Gregorian years: far beyond any schedule, small enough that instant arithmetic cannot overflow. */
    static final Duration LONGEST = Duration.ofDays(3_652_425);

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d*\\.?\\d+)([a-zA-Z]*)");
    private static final List<String> UNITS = List.of("w", "d", "h", "m", "s", "ms");
    private static final List<Long> UNIT_MILLIS = List.of(604_800_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L);
    private static final int LONGEST_NUMBER = 24;
    private static final String EXAMPLES = "write e.g. 90s, 1h30m, 1.5h, 2w, a bare number of minutes such as 5, "
            + "or an ISO-8601 duration such as PT15M";

    private DurationText() {
    }

    /**
     * Reads {@code word} as a duration.
     *
     * @param part how errors name it: "interval" or "delay"
     * @throws TriggerFormatException when it is not a duration, is not positive, is finer than a millisecond or is
     *     longer than {@link #LONGEST}
     */
    static Duration parse(Word word, String part, String fullText) {
        Duration duration = looksIso(word.text()) ? parseIso(word, part, fullText) : parseUnits(word, part, fullText);
        if (duration.isNegative() || duration.isZero()) {
            throw FormError.of(part, word, word.text() + " is not longer than zero", EXAMPLES, fullText);
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw tooLong(word, part, fullText);
        }
        return duration;
    }

    /** The canonical text of a positive, millisecond-exact duration. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % UNIT_MILLIS.get(0) == 0) {
            return millis / UNIT_MILLIS.get(0) + UNITS.get(0);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < UNITS.size(); i++) {
            long count = millis / UNIT_MILLIS.get(i);
            millis -= count * UNIT_MILLIS.get(i);
            if (count > 0) {
                text.append(count).append(UNITS.get(i));
            }
        }
        return text.toString();
    }

    private static boolean looksIso(String text) {
        String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        return unsigned.startsWith("P") || unsigned.startsWith("p");
    }

    private static Duration parseIso(Word word, String part, String fullText) {
        try {
            Duration duration = Duration.parse(word.text());
            if (duration.getNano() % 1_000_000 != 0) {
                throw FormError.of(part, word, word.text() + " has a part finer than a millisecond",
                        "round it to whole milliseconds, e.g. PT0.25S", fullText);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw FormError.of(part, word, word.text() + " is not an ISO-8601 duration",
                    "write e.g. PT15M, PT1H30M or P1DT2H (weeks, months and years are not ISO durations here; "
                            + "use 2w or 14d)", fullText);
        }
    }

    private static Duration parseUnits(Word word, String part, String fullText) {
        String text = word.text();
        Matcher matcher = NUMBER_AND_UNIT.matcher(text);
        BigDecimal millis = BigDecimal.ZERO;
        int previousUnit = -1;
        for (int at = 0; at < text.length(); at = matcher.end()) {
            if (!matcher.region(at, text.length()).lookingAt()) {
                throw FormError.at(part, word, word.column() + at,
                        "'" + text.substring(at) + "' in " + text + " is not a number followed by a unit", EXAMPLES,
                        fullText);
            }
            int unit = unitOf(matcher, word, part, fullText);
            if (unit <= previousUnit) {
                throw FormError.at(part, word, word.column() + matcher.start(2), "unit " + matcher.group(2) + " in "
                        + text + " repeats or follows a smaller unit", "write units from largest to smallest, each "
                        + "once, e.g. 1h30m or 29.5s500ms", fullText);
            }
            previousUnit = unit;
            millis = millis.add(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(UNIT_MILLIS.get(unit))));
        }
        return toDuration(millis, word, part, fullText);
    }

    /** The index in {@link #UNITS} of the matched unit; a bare number means minutes, but only standing alone. */
    private static int unitOf(Matcher matcher, Word word, String part, String fullText) {
        String number = matcher.group(1);
        if (number.length() > LONGEST_NUMBER) {
            throw tooLong(word, part, fullText);
        }
        String unit = matcher.group(2).toLowerCase(Locale.ROOT);
        if (unit.isEmpty() && matcher.start() == 0 && matcher.end() == word.text().length()) {
            return UNITS.indexOf("m");
        }
        if (!UNITS.contains(unit)) {
            String problem = unit.isEmpty() ? "number " + number + " in " + word.text() + " has no unit"
                    : "unit '" + matcher.group(2) + "' in " + word.text() + " is not one of w, d, h, m, s, ms";
            throw FormError.at(part, word, word.column() + matcher.start(2), problem, EXAMPLES, fullText);
        }
        return UNITS.indexOf(unit);
    }

    private static Duration toDuration(BigDecimal millis, Word word, String part, String fullText) {
        if (millis.compareTo(BigDecimal.valueOf(LONGEST.toMillis())) > 0) {
            throw tooLong(word, part, fullText);
        }
        if (millis.stripTrailingZeros().scale() > 0) {
            throw FormError.of(part, word, word.text() + " has a part finer than a millisecond",
                    "round it to whole milliseconds, e.g. 1.5s or 1s500ms", fullText);
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    private static TriggerFormatException tooLong(Word word, String part, String fullText) {
        return FormError.of(part, word, word.text() + " is longer than the limit of 10000 years",
                "use a shorter " + part, fullText);
    }
}
