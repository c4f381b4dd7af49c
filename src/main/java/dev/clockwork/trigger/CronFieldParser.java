package dev.clockwork.trigger;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Parses one cron field: {@code *}, {@code ?}, values and names, lists, ranges (a range that goes backwards, such as
 * {@code 22-2} or {@code FRI-MON}, wraps around), steps ({@code *}{@code /n}, {@code a/n}, {@code a-b/n}), {@code H}
 * forms ({@link CronHash}), and the day forms {@code L}, {@code L-n}, {@code nW}, {@code LW} (day-of-month) and
 * {@code dL}, {@code d#n}, {@code L} = Saturday (day-of-week). Every error names the field, the token and its column.
 */
final class CronFieldParser {

    private final CronField field;
    private final Word word;
    private final String taskName;
    private final String fullText;
    private final BitSet values = new BitSet();
    private final TreeSet<Integer> lastDayOffsets = new TreeSet<>();
    private final TreeSet<Integer> nearestWeekdays = new TreeSet<>();
    private final TreeSet<Integer> lastOfWeekday = new TreeSet<>();
    private final TreeSet<CronDays.Nth> nthOfWeekday = new TreeSet<>();
    private boolean lastWeekday;

    private CronFieldParser(CronField field, Word word, String taskName, String fullText) {
        this.field = field;
        this.word = word;
        this.taskName = taskName;
        this.fullText = fullText;
    }

    /**
     * One parsed field.
     *
     * @param restricted false for {@code *} and {@code ?}, which leave the days to the other day field
     */
    record Parsed(BitSet values, boolean restricted, List<Integer> lastDayOffsets, List<Integer> nearestWeekdays,
                  boolean lastWeekday, List<Integer> lastOfWeekday, List<CronDays.Nth> nthOfWeekday) {
    }

    static Parsed parse(CronField field, Word word, String taskName, String fullText) {
        return new CronFieldParser(field, word, taskName, fullText).parse();
    }

    private Parsed parse() {
        String text = word.text();
        boolean any = text.equals("*") || text.equals("?");
        if (text.equals("?") && field != CronField.DAY_OF_MONTH && field != CronField.DAY_OF_WEEK) {
            throw error(word.column(), "'?' is only allowed in day-of-month and day-of-week", "write * instead");
        }
        if (any) {
            addRange(field.min(), field.maxStored(), 1, word.column());
            return new Parsed(values, false, List.of(), List.of(), false, List.of(), List.of());
        }
        int start = 0;
        while (true) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            parseItem(text.substring(start, end), word.column() + start);
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return new Parsed(values, true, List.copyOf(lastDayOffsets), List.copyOf(nearestWeekdays), lastWeekday,
                List.copyOf(lastOfWeekday), List.copyOf(nthOfWeekday));
    }

    private void parseItem(String item, int column) {
        if (item.isEmpty()) {
            throw error(column, "a list item is empty", "remove the extra comma; " + field.fix());
        }
        if (item.equals("?")) {
            throw error(column, "'?' must stand alone in its field", "write ? or a list without it");
        }
        if (field == CronField.DAY_OF_MONTH && dayOfMonthForm(item, column)
                || field == CronField.DAY_OF_WEEK && dayOfWeekForm(item, column)) {
            return;
        }
        int slash = item.indexOf('/');
        String base = slash < 0 ? item : item.substring(0, slash);
        int step = slash < 0 ? 1 : step(item.substring(slash + 1), column + slash + 1);
        if (base.toUpperCase(Locale.ROOT).startsWith("H")) {
            hashed(base, slash >= 0, step, column);
        } else if (base.equals("*")) {
            addRange(field.min(), field.maxStored(), step, column);
        } else {
            int dash = base.indexOf('-');
            if (dash < 0) {
                int value = value(base, column);
                addRange(value, slash < 0 ? value : field.maxStored(), step, column);
            } else {
                addRange(value(base.substring(0, dash), column), value(base.substring(dash + 1), column + dash + 1),
                        step, column);
            }
        }
    }

    /** {@code L}, {@code L-n}, {@code LW}, {@code nW}; false when {@code item} is none of them. */
    private boolean dayOfMonthForm(String item, int column) {
        String upper = item.toUpperCase(Locale.ROOT);
        if (upper.equals("L")) {
            lastDayOffsets.add(0);
        } else if (upper.equals("LW")) {
            lastWeekday = true;
        } else if (upper.startsWith("L-")) {
            lastDayOffsets.add(number(item.substring(2), column + 2, 0, 30, "days before the last day"));
        } else if (upper.endsWith("W") && upper.length() > 1) {
            nearestWeekdays.add(number(item.substring(0, item.length() - 1), column, 1, 31, "day-of-month"));
        } else {
            return false;
        }
        return true;
    }

    /** {@code L} (Saturday), {@code dL}, {@code d#n}; false when {@code item} is none of them. */
    private boolean dayOfWeekForm(String item, int column) {
        String upper = item.toUpperCase(Locale.ROOT);
        int hash = item.indexOf('#');
        if (upper.equals("L")) {
            values.set(6);
        } else if (upper.endsWith("L") && !item.contains("/") && !item.contains("-")) {
            lastOfWeekday.add(value(item.substring(0, item.length() - 1), column) % 7);
        } else if (hash >= 0) {
            int weekday = value(item.substring(0, hash), column) % 7;
            int n = number(item.substring(hash + 1), column + hash + 1, 1, 5, "occurrence after #");
            nthOfWeekday.add(new CronDays.Nth(weekday, n));
        } else {
            return false;
        }
        return true;
    }

    /** {@code H}, {@code H(a-b)}, each optionally with a step. */
    private void hashed(String base, boolean stepped, int step, int column) {
        int low = field.min();
        int high = field == CronField.DAY_OF_MONTH && !stepped ? 28 : field.maxStored();
        String upper = base.toUpperCase(Locale.ROOT);
        if (upper.startsWith("H(") && upper.endsWith(")") && upper.indexOf('-') > 0) {
            int dash = base.indexOf('-');
            low = value(base.substring(2, dash), column + 2);
            high = value(base.substring(dash + 1, base.length() - 1), column + dash + 1);
            if (low > high) {
                throw error(column, "the hash range " + base.substring(1) + " goes backwards",
                        "write the smaller value first, e.g. H(0-29)");
            }
        } else if (!upper.equals("H")) {
            throw error(column, "'" + base + "' is not a hash form", "write H, H/15 or H(0-29)");
        }
        if (!stepped) {
            values.set(low + CronHash.pick(taskName, field, high - low + 1));
            return;
        }
        if (step > high - low + 1) {
            throw error(column, "step " + step + " is larger than the hash range " + low + "-" + high,
                    "use a smaller step, e.g. H/15");
        }
        addRange(low + CronHash.pick(taskName, field, step), high, step, column);
    }

    /** Adds {@code a}, {@code a+step}, ... up to {@code b}; a range that goes backwards wraps past the maximum. */
    private void addRange(int a, int b, int step, int column) {
        boolean fromSunday = field == CronField.DAY_OF_WEEK && a == 7;
        int first = fromSunday ? 0 : a;
        int last = fromSunday && b == 7 ? 0 : b;
        if (first <= last) {
            for (int v = first; v <= last; v += step) {
                values.set(field == CronField.DAY_OF_WEEK ? v % 7 : v);
            }
            return;
        }
        if (field == CronField.YEAR) {
            throw error(column, "the range " + a + "-" + b + " goes backwards", "write the earlier year first");
        }
        int cycle = field.maxStored() - field.min() + 1;
        for (int k = 0; k <= last - first + cycle; k += step) {
            values.set(field.min() + (first - field.min() + k) % cycle);
        }
    }

    private int step(String token, int column) {
        int cycle = field.maxStored() - field.min() + 1;
        int step = number(token, column, 1, Integer.MAX_VALUE, "step");
        if (step >= cycle) {
            String hint = field == CronField.SECOND || field == CronField.MINUTE || field == CronField.HOUR
                    ? "; for a longer interval use the every form, e.g. every " + step
                    + field.label().charAt(0) : "";
            throw error(column, "step " + step + " does not fit the " + field.label() + " field's range "
                    + field.min() + "-" + field.maxStored(), "use a step from 1 to " + (cycle - 1) + hint);
        }
        return step;
    }

    /** A value of this field: a number in its range or a name (month, day of the week). */
    private int value(String token, int column) {
        if (!token.isEmpty() && token.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return number(token, column, field.min(), field.max(), field.label());
        }
        int named = field.hasNames() ? field.valueOfName(token) : -1;
        if (named < 0) {
            String problem = token.isEmpty() ? "a value is missing" : "'" + token + "' is not a valid value";
            throw error(column, problem, field.fix());
        }
        return named;
    }

    /** A whole number in {@code [min, max]}; {@code what} names it in messages. */
    private int number(String token, int column, int min, int max, String what) {
        if (token.isEmpty() || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
            String problem = token.isEmpty() ? "a number is missing" : "'" + token + "' is not a number";
            throw error(column, problem + " (" + what + ")", field.fix());
        }
        // Nine digits always fit an int; longer numbers are out of range however they are written.
        long value = token.length() > 9 ? Long.MAX_VALUE : Long.parseLong(token);
        if (value < min || value > max) {
            String problem = max == Integer.MAX_VALUE ? "the " + what + " must be at least " + min + ", not " + token
                    : token + " is out of range " + min + "-" + max;
            throw error(column, problem, field.fix());
        }
        return (int) value;
    }

    private TriggerFormatException error(int column, String problem, String fix) {
        return FormError.at(field.label(), word, column, problem, fix, fullText);
    }
}
