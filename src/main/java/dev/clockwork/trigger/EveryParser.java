package dev.clockwork.trigger;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads the words after {@code every}: the interval, then the clauses {@code after each run}, {@code from <when>},
 * {@code until <when>} and {@code times <n>} in any order, each at most once, keywords in any case.
 */
final class EveryParser {

    private static final Pattern COUNT = Pattern.compile("\\d{1,18}");
    private static final String CLAUSES = "after the interval, write any of: after each run, from <date-time>, "
            + "until <date-time>, times <n>; e.g. every 15m from 2026-01-01T09:00 until 2026-01-01T17:00";

    private final List<Word> words;
    private final String fullText;
    private int next;
    private Optional<Word> fromWord = Optional.empty();
    private Optional<Word> untilWord = Optional.empty();
    private OptionalLong times = OptionalLong.empty();
    private Timing timing = Timing.FIXED_RATE;

    private EveryParser(List<Word> words, String fullText) {
        this.words = words;
        this.fullText = fullText;
    }

    /**
     * @param words the words after the keyword, the interval first; not empty
     * @throws TriggerFormatException naming the clause that is wrong
     */
    static EveryTrigger parse(List<Word> words, String fullText) {
        return new EveryParser(words, fullText).read();
    }

    private EveryTrigger read() {
        var interval = DurationText.parse(words.get(0), "interval", fullText);
        for (next = 1; next < words.size(); ) {
            clause(words.get(next++));
        }
        Optional<When> from = fromWord.map(word -> WhenText.parse(word, fullText));
        Optional<When> until = untilWord.map(word -> WhenText.parse(word, fullText));
        if (from.isPresent() && until.isPresent() && until.get().isCertainlyBefore(from.get())) {
            throw FormError.of("until", untilWord.get(), "until " + until.get() + " is before from " + from.get(),
                    "make until the same as or later than from", fullText);
        }
        return new EveryTrigger(interval, from, until, times, timing);
    }

    private void clause(Word keyword) {
        if (keyword.is("from")) {
            fromWord = Optional.of(valueOnce(keyword, fromWord.isPresent(), "a date-time, e.g. from 2026-01-01T09:00"));
        } else if (keyword.is("until")) {
            untilWord = Optional.of(valueOnce(keyword, untilWord.isPresent(), "a date-time, e.g. until 202612312359"));
        } else if (keyword.is("times")) {
            times = OptionalLong.of(count(valueOnce(keyword, times.isPresent(), "a count, e.g. times 10")));
        } else if (keyword.is("after")) {
            afterEachRun(keyword);
        } else {
            throw FormError.of("every", keyword, "'" + keyword.text() + "' is not a clause of every", CLAUSES,
                    fullText);
        }
    }

    /** The word after a clause keyword, which must not have been given before. */
    private Word valueOnce(Word keyword, boolean seen, String expected) {
        String name = keyword.text().toLowerCase(Locale.ROOT);
        if (seen) {
            throw FormError.of(name, keyword, name + " is given twice", "keep one " + name + " clause", fullText);
        }
        if (next >= words.size()) {
            throw FormError.of(name, keyword, name + " has no value", "follow it with " + expected, fullText);
        }
        return words.get(next++);
    }

    private long count(Word word) {
        if (!COUNT.matcher(word.text()).matches() || Long.parseLong(word.text()) < 1) {
            throw FormError.of("times", word, word.text() + " is not a whole number from 1 to 999999999999999999",
                    "write the number of executions, e.g. times 10", fullText);
        }
        return Long.parseLong(word.text());
    }

    private void afterEachRun(Word keyword) {
        boolean complete = next + 1 < words.size() && words.get(next).is("each") && words.get(next + 1).is("run");
        if (!complete) {
            throw FormError.of("after each run", keyword, "'after' must be followed by 'each run'",
                    "write e.g. every 5m after each run, to count each interval from the end of the previous run",
                    fullText);
        }
        if (timing == Timing.FIXED_DELAY) {
            throw FormError.of("after each run", keyword, "after each run is given twice", "keep one", fullText);
        }
        timing = Timing.FIXED_DELAY;
        next += 2;
    }
}
