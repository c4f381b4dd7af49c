package dev.clockwork.trigger;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Plain English for a cron expression, for the console: "at 09:00, Monday through Friday", "every 15 minutes",
 * "at 00:00, on the last day of the month, in February". Times are the task's local times.
 */
final class CronDescription {

    private static final List<String> WEEKDAYS = List.of("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
            "Friday", "Saturday");
    private static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December");
    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth");

    private CronDescription() {
    }

    static String of(CronTrigger cron) {
        List<String> parts = new ArrayList<>();
        parts.add(time(cron));
        days(cron.days()).ifPresent(parts::add);
        if (!CronText.isAll(CronField.MONTH, cron.months())) {
            parts.add("in " + list(cron.months(), m -> MONTHS.get(m - 1), " through "));
        }
        if (!CronText.isAll(CronField.YEAR, cron.years())) {
            parts.add("in " + list(cron.years(), Integer::toString, " through "));
        }
        return String.join(", ", parts);
    }

    private static String time(CronTrigger cron) {
        BitSet seconds = cron.seconds();
        BitSet minutes = cron.minutes();
        BitSet hours = cron.hours();
        if (seconds.cardinality() == 1 && minutes.cardinality() == 1 && hours.cardinality() <= 6) {
            int second = seconds.nextSetBit(0);
            int minute = minutes.nextSetBit(0);
            return "at " + list(hours, h -> clock(h, minute, second), null);
        }
        List<String> parts = new ArrayList<>();
        unit(seconds, CronField.SECOND, "second").ifPresent(parts::add);
        if (!(CronText.isAll(CronField.MINUTE, minutes) && !parts.isEmpty())) {
            unit(minutes, CronField.MINUTE, "minute").ifPresent(parts::add);
        }
        if (!CronText.isAll(CronField.HOUR, hours)) {
            parts.add((hours.cardinality() == 1 ? "during hour " : "during hours ")
                    + list(hours, Integer::toString, " through "));
        } else if (parts.isEmpty() || !parts.get(parts.size() - 1).startsWith("every")) {
            parts.add("every hour");
        }
        return String.join(", ", parts);
    }

    /** "every second", "every 15 minutes", "at minute 5 and 35", or empty for second 0. */
    private static Optional<String> unit(BitSet values, CronField field, String name) {
        if (CronText.isAll(field, values)) {
            return Optional.of("every " + name);
        }
        if (field == CronField.SECOND && values.cardinality() == 1 && values.get(0)) {
            return Optional.empty();
        }
        int[] v = values.stream().toArray();
        int step = v.length >= 2 ? v[1] - v[0] : 0;
        boolean everyStep = v[0] == 0 && step > 1 && 60 % step == 0 && v.length == 60 / step;
        for (int i = 2; everyStep && i < v.length; i++) {
            everyStep = v[i] - v[i - 1] == step;
        }
        if (everyStep) {
            return Optional.of("every " + step + " " + name + "s");
        }
        return Optional.of("at " + name + " " + list(values, Integer::toString, " through "));
    }

    private static Optional<String> days(CronDays days) {
        String byMonth = dayOfMonth(days);
        String byWeek = dayOfWeek(days);
        return Optional.ofNullable(switch (days.restriction()) {
            case NONE -> null;
            case DAY_OF_MONTH -> byMonth;
            case DAY_OF_WEEK -> byWeek;
            case EITHER -> byMonth + " or " + (byWeek.startsWith("on ") ? byWeek : "on " + byWeek);
        });
    }

    private static String dayOfMonth(CronDays days) {
        List<String> items = new ArrayList<>();
        if (!days.daysOfMonth().isEmpty()) {
            items.add("on day " + list(days.daysOfMonth(), Integer::toString, " through ") + " of the month");
        }
        for (int offset : days.lastDayOffsets()) {
            items.add(offset == 0 ? "on the last day of the month"
                    : offset + (offset == 1 ? " day" : " days") + " before the last day of the month");
        }
        days.nearestWeekdays().forEach(day -> items.add("on the weekday nearest day " + day + " of the month"));
        if (days.lastWeekday()) {
            items.add("on the last weekday of the month");
        }
        return join(items, " or ");
    }

    private static String dayOfWeek(CronDays days) {
        List<String> items = new ArrayList<>();
        if (days.daysOfWeek().cardinality() == 1) {
            items.add("on " + WEEKDAYS.get(days.daysOfWeek().nextSetBit(0)));
        } else if (!days.daysOfWeek().isEmpty()) {
            items.add(list(days.daysOfWeek(), WEEKDAYS::get, " through "));
        }
        days.lastOfWeekday().forEach(d -> items.add("on the last " + WEEKDAYS.get(d) + " of the month"));
        days.nthOfWeekday().forEach(nth -> items.add("on the " + ORDINALS.get(nth.n() - 1) + " "
                + WEEKDAYS.get(nth.weekday()) + " of the month"));
        return join(items, " or ");
    }

    private static String clock(int hour, int minute, int second) {
        String time = String.format("%02d:%02d", hour, minute);
        return second == 0 ? time : time + String.format(":%02d", second);
    }

    /**
     * The values joined as English: "1, 5 and 9"; runs of three or more as "9 through 17" when {@code through} is
     * given.
     */
    private static String list(BitSet values, IntFunction<String> name, String through) {
        List<String> items = new ArrayList<>();
        int[] v = values.stream().toArray();
        for (int i = 0; i < v.length; i++) {
            int end = i;
            while (through != null && end + 1 < v.length && v[end + 1] == v[end] + 1) {
                end++;
            }
            if (end - i >= 2) {
                items.add(name.apply(v[i]) + through + name.apply(v[end]));
                i = end;
            } else {
                items.add(name.apply(v[i]));
            }
        }
        return join(items, " and ");
    }

    private static String join(List<String> items, String last) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }
}
