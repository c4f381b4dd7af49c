package dev.clockwork.trigger;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads the keyword of a trigger line ({@code cron}, {@code at}, {@code every}, {@code in}; any case) and hands the
 * rest to the parser of that form. Leading and trailing whitespace is ignored; error columns are 1-based in the
 * text as typed.
 */
final class TriggerParser {

    private static final List<String> KEYWORDS = List.of("cron", "at", "every", "in");
    private static final String FORMS = "start with one of: cron <fields> (e.g. cron 0 30 8 * * MON-FRI), "
            + "at <date-time> (e.g. at 2026-12-31T23:59), every <interval> (e.g. every 1h30m), "
            + "in <delay> (e.g. in 90s)";

    private TriggerParser() {
    }

    static Trigger parse(String text, String taskName) {
        if (text == null || text.isBlank()) {
            throw new TriggerFormatException("trigger", Objects.requireNonNullElse(text, ""), 0,
                    "trigger: the trigger text is empty; " + FORMS);
        }
        List<Word> words = Word.split(text, 0);
        Word keyword = words.get(0);
        List<Word> rest = words.subList(1, words.size());
        switch (keyword.text().toLowerCase(Locale.ROOT)) {
            case "cron":
                return cron(text, keyword, rest, Objects.requireNonNullElse(taskName, ""));
            case "at":
                return new AtTrigger(WhenText.parse(single(keyword, rest, "at 2026-12-31T23:59", text), text));
            case "in":
                return new InTrigger(DurationText.parse(single(keyword, rest, "in 1h30m", text), "delay", text));
            case "every":
                requireSome(keyword, rest, "every 15m", text);
                return EveryParser.parse(rest, text);
            default:
                throw unknownKeyword(keyword, text);
        }
    }

    private static Trigger cron(String text, Word keyword, List<Word> rest, String taskName) {
        requireSome(keyword, rest, "cron 0 30 8 * * MON-FRI", text);
        int fieldsStart = rest.get(0).column() - 1;
        return CronTrigger.parse(taskName, fieldsStart, text);
    }

    /** The one word after {@code keyword}. */
    private static Word single(Word keyword, List<Word> rest, String example, String text) {
        requireSome(keyword, rest, example, text);
        if (rest.size() > 1) {
            throw FormError.of(name(keyword), rest.get(1), "unexpected '" + rest.get(1).text() + "' after "
                    + rest.get(0).text(), "write one value without spaces, e.g. " + example, text);
        }
        return rest.get(0);
    }

    private static void requireSome(Word keyword, List<Word> rest, String example, String text) {
        if (rest.isEmpty()) {
            throw FormError.of(name(keyword), keyword, name(keyword) + " needs a value after it",
                    "write e.g. " + example, text);
        }
    }

    private static String name(Word keyword) {
        return keyword.text().toLowerCase(Locale.ROOT);
    }

    private static TriggerFormatException unknownKeyword(Word keyword, String text) {
        String typed = keyword.text().toLowerCase(Locale.ROOT);
        // "every5m" or "cron*/5": a missing space is the likely slip when a keyword runs straight into a value.
        String glued = KEYWORDS.stream().filter(k -> typed.matches(k + "[0-9@*?].*")).findFirst()
                .map(k -> "put a space after '" + k + "', or ").orElse("");
        return FormError.of("keyword", keyword, "'" + keyword.text() + "' is not a trigger keyword",
                glued + FORMS, text);
    }
}
