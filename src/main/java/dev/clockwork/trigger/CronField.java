package dev.clockwork.trigger;

import java.util.List;
import java.util.Locale;

/**
 * The fields of a cron expression as data: what each is called in messages, its range, the names it accepts and a
 * valid example. Day-of-week is numbered as in Unix cron in every layout: 0-7, where 0 and 7 are Sunday.
 */
enum CronField {
    SECOND("second", 0, 59, List.of(), "0, 30, 0-29 or */15"),
    MINUTE("minute", 0, 59, List.of(), "0, 30, 0-29 or */15"),
    HOUR("hour", 0, 23, List.of(), "9, 9-17, */2 or 22-2"),
    DAY_OF_MONTH("day-of-month", 1, 31, List.of(), "1, 1-15, L, L-3, 15W, LW or ?"),
    MONTH("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
            "1, JAN, 1-6 or JAN,JUL"),
    DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"),
            "1, MON, MON-FRI, 5L, 5#3 or ?"),
    YEAR("year", 1970, 2199, List.of(), "2027, 2027-2030 or */2");

    private final String label;
    private final int min;
    private final int max;
    private final List<String> names;
    private final String examples;

    CronField(String label, int min, int max, List<String> names, String examples) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.names = names;
        this.examples = examples;
    }

    /** The name used in messages, e.g. "day-of-month". */
    String label() {
        return label;
    }

    int min() {
        return min;
    }

    /** The largest value typed; day-of-week accepts 7 for Sunday and stores it as 0. */
    int max() {
        return max;
    }

    /** The largest value stored: 6 for day-of-week, {@link #max()} for the others. */
    int maxStored() {
        return this == DAY_OF_WEEK ? 6 : max;
    }

    /** The value a name such as "jan" or "Fri" stands for, or -1 when it is not a name of this field. */
    int valueOfName(String token) {
        int index = names.indexOf(token.toUpperCase(Locale.ROOT));
        if (index < 0) {
            return -1;
        }
        return this == MONTH ? index + 1 : index;
    }

    /** The name of a value ("JAN", "MON"), or the number as text for fields without names. */
    String nameOf(int value) {
        if (names.isEmpty()) {
            return Integer.toString(value);
        }
        return this == MONTH ? names.get(value - 1) : names.get(value);
    }

    boolean hasNames() {
        return !names.isEmpty();
    }

    /** The allowed values in words, for messages: "0-23", "1-12 or JAN-DEC". */
    String range() {
        String numbers = min + "-" + max;
        return names.isEmpty() ? numbers : numbers + " or " + names.get(0) + "-" + names.get(names.size() - 1);
    }

    /** What to write instead, for messages. */
    String fix() {
        return "use " + range() + " in the " + label + " field, e.g. " + examples;
    }
}
