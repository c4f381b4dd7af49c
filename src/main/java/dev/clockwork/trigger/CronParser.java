package dev.clockwork.trigger;

import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the fields after {@code cron}: picks the layout from the number of fields (5: minute to day-of-week; 6:
 * seconds first; 7: seconds first and year last) or expands a macro, parses each field, and rejects an expression
 * that can never fire.
 */
final class CronParser {

    private static final List<CronField> FIVE = List.of(CronField.MINUTE, CronField.HOUR, CronField.DAY_OF_MONTH,
            CronField.MONTH, CronField.DAY_OF_WEEK);
    private static final List<CronField> SIX = List.of(CronField.SECOND, CronField.MINUTE, CronField.HOUR,
            CronField.DAY_OF_MONTH, CronField.MONTH, CronField.DAY_OF_WEEK);
    private static final List<CronField> SEVEN = List.of(CronField.values());
    private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final String MACRO_NAMES = "@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly";
    private static final String EXAMPLE = "e.g. cron 0 9 * * MON-FRI (minute hour day-of-month month day-of-week), "
            + "cron 30 0 9 * * MON-FRI with seconds first, or cron 0 0 9 1 1 * 2027 with the year last";

    private CronParser() {
    }

    static CronTrigger parse(String taskName, int columnOffset, String fullText) {
        List<Word> words = Word.split(fullText, columnOffset);
        if (words.size() == 1 && words.get(0).text().startsWith("@")) {
            return parseMacro(words.get(0), taskName, fullText);
        }
        List<CronField> layout = switch (words.size()) {
            case 5 -> FIVE;
            case 6 -> SIX;
            case 7 -> SEVEN;
            default -> throw fieldCount(words, fullText);
        };
        Map<CronField, CronFieldParser.Parsed> parsed = new EnumMap<>(CronField.class);
        for (int i = 0; i < layout.size(); i++) {
            parsed.put(layout.get(i), CronFieldParser.parse(layout.get(i), words.get(i), taskName, fullText));
        }
        CronTrigger cron = build(parsed);
        if (CronLocalTimes.firstAtOrAfter(cron, LocalDateTime.of(CronLocalTimes.FIRST_YEAR, 1, 1, 0, 0)).isEmpty()) {
            Word days = words.get(layout.indexOf(CronField.DAY_OF_MONTH));
            throw FormError.of("day-of-month", days, "the expression can never fire: no allowed "
                    + (layout == SEVEN ? "year and month" : "month") + " has a day its day fields allow",
                    "allow a day every allowed month has (1-28), or more months", fullText);
        }
        return cron;
    }

    private static CronTrigger parseMacro(Word macro, String taskName, String fullText) {
        String expansion = MACROS.get(macro.text().toLowerCase(Locale.ROOT));
        if (expansion == null) {
            throw FormError.of("cron", macro, "'" + macro.text() + "' is not a cron macro",
                    "use one of " + MACRO_NAMES + ", or write the fields, " + EXAMPLE, fullText);
        }
        // The expansion is valid by construction; its words carry the macro's column in case that ever changes.
        Map<CronField, CronFieldParser.Parsed> parsed = new EnumMap<>(CronField.class);
        String[] items = expansion.split(" ");
        for (int i = 0; i < FIVE.size(); i++) {
            parsed.put(FIVE.get(i), CronFieldParser.parse(FIVE.get(i), new Word(items[i], macro.column()), taskName,
                    fullText));
        }
        return build(parsed);
    }

    private static CronTrigger build(Map<CronField, CronFieldParser.Parsed> parsed) {
        CronFieldParser.Parsed dayOfMonth = parsed.get(CronField.DAY_OF_MONTH);
        CronFieldParser.Parsed dayOfWeek = parsed.get(CronField.DAY_OF_WEEK);
        CronDays.Restriction restriction = dayOfMonth.restricted()
                ? (dayOfWeek.restricted() ? CronDays.Restriction.EITHER : CronDays.Restriction.DAY_OF_MONTH)
                : (dayOfWeek.restricted() ? CronDays.Restriction.DAY_OF_WEEK : CronDays.Restriction.NONE);
        CronDays days = new CronDays(dayOfMonth.values(), dayOfMonth.lastDayOffsets(), dayOfMonth.nearestWeekdays(),
                dayOfMonth.lastWeekday(), dayOfWeek.values(), dayOfWeek.lastOfWeekday(), dayOfWeek.nthOfWeekday(),
                restriction);
        return new CronTrigger(valuesOr(parsed, CronField.SECOND, 0, 0), parsed.get(CronField.MINUTE).values(),
                parsed.get(CronField.HOUR).values(), days, parsed.get(CronField.MONTH).values(),
                valuesOr(parsed, CronField.YEAR, CronField.YEAR.min(), CronField.YEAR.max()));
    }

    /** The field's values, or {@code from-to} when the layout leaves it out. */
    private static BitSet valuesOr(Map<CronField, CronFieldParser.Parsed> parsed, CronField field, int from, int to) {
        CronFieldParser.Parsed values = parsed.get(field);
        if (values != null) {
            return values.values();
        }
        BitSet all = new BitSet();
        all.set(from, to + 1);
        return all;
    }

    private static TriggerFormatException fieldCount(List<Word> words, String fullText) {
        Word at = words.size() > 7 ? words.get(7) : words.get(words.size() - 1);
        return FormError.of("cron", at, "expected 5, 6 or 7 fields or a macro, found " + words.size(), EXAMPLE
                + "; macros: " + MACRO_NAMES, fullText);
    }
}
