package dev.clockwork.trigger;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The canonical text of a cron expression, built from what it means: 5 fields when the seconds are 0 and every year
 * is allowed, 6 when only the year is unrestricted, 7 otherwise. A field allowing every value is {@code *}; a day
 * field that leaves the days to the other one is {@code *}; values run as ranges and lists, month and day-of-week by
 * name ({@code MON-FRI}), and a progression that runs to the end of the range as a step ({@code *}{@code /15},
 * {@code 5/20}).
 */
final class CronText {

    private CronText() {
    }

    static String of(CronTrigger cron) {
        boolean everyYear = isAll(CronField.YEAR, cron.years());
        boolean onTheMinute = cron.seconds().cardinality() == 1 && cron.seconds().get(0);
        List<String> fields = new ArrayList<>(7);
        if (!(everyYear && onTheMinute)) {
            fields.add(field(CronField.SECOND, cron.seconds()));
        }
        fields.add(field(CronField.MINUTE, cron.minutes()));
        fields.add(field(CronField.HOUR, cron.hours()));
        fields.add(dayOfMonth(cron.days()));
        fields.add(field(CronField.MONTH, cron.months()));
        fields.add(dayOfWeek(cron.days()));
        if (!everyYear) {
            fields.add(field(CronField.YEAR, cron.years()));
        }
        return String.join(" ", fields);
    }

    private static String dayOfMonth(CronDays days) {
        if (days.restriction() == CronDays.Restriction.NONE || days.restriction() == CronDays.Restriction.DAY_OF_WEEK) {
            return "*";
        }
        List<String> items = new ArrayList<>();
        if (!days.daysOfMonth().isEmpty()) {
            items.add(values(CronField.DAY_OF_MONTH, days.daysOfMonth()));
        }
        days.lastDayOffsets().forEach(offset -> items.add(offset == 0 ? "L" : "L-" + offset));
        days.nearestWeekdays().forEach(day -> items.add(day + "W"));
        if (days.lastWeekday()) {
            items.add("LW");
        }
        return String.join(",", items);
    }

    private static String dayOfWeek(CronDays days) {
        if (days.restriction() == CronDays.Restriction.NONE
                || days.restriction() == CronDays.Restriction.DAY_OF_MONTH) {
            return "*";
        }
        List<String> items = new ArrayList<>();
        if (!days.daysOfWeek().isEmpty()) {
            items.add(values(CronField.DAY_OF_WEEK, days.daysOfWeek()));
        }
        days.lastOfWeekday().forEach(weekday -> items.add(weekday + "L"));
        days.nthOfWeekday().forEach(nth -> items.add(nth.weekday() + "#" + nth.n()));
        return String.join(",", items);
    }

    private static String field(CronField field, BitSet values) {
        return isAll(field, values) ? "*" : values(field, values);
    }

    static boolean isAll(CronField field, BitSet values) {
        return values.cardinality() == field.maxStored() - field.min() + 1;
    }

    /** The values as a step when they progress to the end of the range, else as ranges and single values. */
    private static String values(CronField field, BitSet values) {
        int[] v = values.stream().toArray();
        int step = v.length >= 3 ? v[1] - v[0] : 0;
        boolean progression = step >= 2 && v[v.length - 1] + step > field.maxStored();
        for (int i = 2; progression && i < v.length; i++) {
            progression = v[i] - v[i - 1] == step;
        }
        if (progression) {
            return (v[0] == field.min() ? "*" : Integer.toString(v[0])) + "/" + step;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            int end = i;
            while (end + 1 < v.length && v[end + 1] == v[end] + 1) {
                end++;
            }
            items.add(end == i ? field.nameOf(v[i]) : field.nameOf(v[i]) + "-" + field.nameOf(v[end]));
            i = end;
        }
        return String.join(",", items);
    }
}
