package dev.clockwork.trigger;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date-time after {@code at}, {@code from} and {@code until}: {@code yyyyMMddHHmm}
 * ({@code 202612312359}) or ISO-8601 {@code yyyy-MM-ddTHH:mm[:ss[.fraction]][Z|±hh:mm]}. Each part is checked on its
 * own, so an error names the part that is wrong and its column.
 */
final class WhenText {

    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})");
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?([Zz]|[+-]\\d{2}:\\d{2})?");
    private static final String FORMS = "write yyyyMMddHHmm such as 202612312359, or ISO-8601 such as "
            + "2026-12-31T23:59, 2026-12-31T23:59:30+01:00 or 2026-12-31T22:59Z";

    private final Word word;
    private final String fullText;

    private WhenText(Word word, String fullText) {
        this.word = word;
        this.fullText = fullText;
    }

    /** Reads {@code word} as a date-time. @throws TriggerFormatException naming the part that is wrong */
    static When parse(Word word, String fullText) {
        return new WhenText(word, fullText).read();
    }

    private When read() {
        Matcher compact = COMPACT.matcher(word.text());
        if (compact.matches()) {
            return new When(localOf(compact), Optional.empty());
        }
        Matcher iso = ISO.matcher(word.text());
        if (iso.matches()) {
            return new When(localOf(iso), offsetOf(iso));
        }
        throw FormError.of("date-time", word, word.text() + " is not a date-time", FORMS, fullText);
    }

    private LocalDateTime localOf(Matcher m) {
        int year = part(m, 1, "year", 1, 9999);
        int month = part(m, 2, "month", 1, 12);
        int day = part(m, 3, "day", 1, YearMonth.of(year, month).lengthOfMonth());
        int hour = part(m, 4, "hour", 0, 23);
        int minute = part(m, 5, "minute", 0, 59);
        int second = m.groupCount() >= 6 && m.group(6) != null ? part(m, 6, "second", 0, 59) : 0;
        int nano = m.groupCount() >= 7 && m.group(7) != null ? Integer.parseInt((m.group(7) + "00000000")
                .substring(0, 9)) : 0;
        return LocalDateTime.of(year, month, day, hour, minute, second, nano);
    }

    private int part(Matcher m, int group, String name, int min, int max) {
        int value = Integer.parseInt(m.group(group));
        if (value < min || value > max) {
            String range = min + "-" + max + (name.equals("day") ? " in " + m.group(1) + "-" + m.group(2) : "");
            throw FormError.at(name, word, word.column() + m.start(group), m.group(group) + " in "
                    + word.text() + " is out of range " + range, FORMS, fullText);
        }
        return value;
    }

    private Optional<ZoneOffset> offsetOf(Matcher m) {
        String offset = m.group(8);
        if (offset == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneOffset.of(offset.toUpperCase(Locale.ROOT)));
        } catch (DateTimeException e) {
            throw FormError.at("offset", word, word.column() + m.start(8), "offset " + offset + " in " + word.text()
                    + " is out of range -18:00 to +18:00", FORMS, fullText);
        }
    }
}
