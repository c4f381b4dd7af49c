package dev.clockwork.trigger;

import java.time.DayOfWeek;
import java.time.YearMonth;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Which days of a month a cron expression fires on: its day-of-month and day-of-week fields with their special
 * forms. When both fields are restricted (neither is {@code *} or {@code ?}) a day matching either fires, as in
 * Unix cron; when one is restricted, it alone decides; when neither is, every day fires.
 *
 * @param daysOfMonth plain days 1-31 (a day beyond the month's length never fires)
 * @param lastDayOffsets {@code L} (0) and {@code L-n} (n): the last day of the month minus n
 * @param nearestWeekdays {@code nW}: the weekday (Monday-Friday) nearest day n, never leaving the month
 * @param lastWeekday {@code LW}: the last weekday of the month
 * @param daysOfWeek plain days of the week, 0 (Sunday) to 6 (Saturday)
 * @param lastOfWeekday {@code nL}: the last such day of the week in the month
 * @param nthOfWeekday {@code d#n}: the n-th such day of the week in the month (a month without it is skipped)
 * @param restriction which of the two fields restrict the days
 */
record CronDays(BitSet daysOfMonth, List<Integer> lastDayOffsets, List<Integer> nearestWeekdays, boolean lastWeekday,
                BitSet daysOfWeek, List<Integer> lastOfWeekday, List<Nth> nthOfWeekday, Restriction restriction) {

    /** Which fields restrict the days; the other is {@code *} or {@code ?}. */
    enum Restriction { NONE, DAY_OF_MONTH, DAY_OF_WEEK, EITHER }

    /** {@code weekday#n}: the n-th (1-5) such weekday (0 = Sunday) of the month. */
    record Nth(int weekday, int n) implements Comparable<Nth> {
        @Override
        public int compareTo(Nth other) {
            return weekday != other.weekday ? Integer.compare(weekday, other.weekday) : Integer.compare(n, other.n);
        }
    }

    CronDays {
        Objects.requireNonNull(restriction, "restriction");
        daysOfMonth = (BitSet) daysOfMonth.clone();
        daysOfWeek = (BitSet) daysOfWeek.clone();
        lastDayOffsets = List.copyOf(lastDayOffsets);
        nearestWeekdays = List.copyOf(nearestWeekdays);
        lastOfWeekday = List.copyOf(lastOfWeekday);
        nthOfWeekday = List.copyOf(nthOfWeekday);
    }

    /** The days of {@code month} that fire, as bits 1-31 of the result. */
    long daysIn(YearMonth month) {
        int length = month.lengthOfMonth();
        long all = ((1L << length) - 1) << 1;
        return switch (restriction) {
            case NONE -> all;
            case DAY_OF_MONTH -> byDayOfMonth(month, length) & all;
            case DAY_OF_WEEK -> byDayOfWeek(month, length) & all;
            case EITHER -> (byDayOfMonth(month, length) | byDayOfWeek(month, length)) & all;
        };
    }

    private long byDayOfMonth(YearMonth month, int length) {
        long days = daysOfMonth.isEmpty() ? 0 : daysOfMonth.toLongArray()[0];
        for (int offset : lastDayOffsets) {
            if (length - offset >= 1) {
                days |= 1L << (length - offset);
            }
        }
        for (int day : nearestWeekdays) {
            if (day <= length) {
                days |= 1L << nearestWeekday(month, day, length);
            }
        }
        if (lastWeekday) {
            days |= 1L << nearestWeekday(month, length, length);
        }
        return days;
    }

    /** The weekday nearest {@code day}: Saturday moves to Friday, Sunday to Monday, unless that leaves the month. */
    private static int nearestWeekday(YearMonth month, int day, int length) {
        DayOfWeek weekday = month.atDay(day).getDayOfWeek();
        if (weekday == DayOfWeek.SATURDAY) {
            return day == 1 ? 3 : day - 1;
        }
        if (weekday == DayOfWeek.SUNDAY) {
            return day == length ? day - 2 : day + 1;
        }
        return day;
    }

    private long byDayOfWeek(YearMonth month, int length) {
        // Day d of the month falls on weekday (first + d - 1) % 7, with 0 = Sunday as in cron.
        int first = month.atDay(1).getDayOfWeek().getValue() % 7;
        long days = 0;
        for (int weekday = daysOfWeek.nextSetBit(0); weekday >= 0; weekday = daysOfWeek.nextSetBit(weekday + 1)) {
            for (int day = 1 + Math.floorMod(weekday - first, 7); day <= length; day += 7) {
                days |= 1L << day;
            }
        }
        for (int weekday : lastOfWeekday) {
            int firstDay = 1 + Math.floorMod(weekday - first, 7);
            days |= 1L << (firstDay + (length - firstDay) / 7 * 7);
        }
        for (Nth nth : nthOfWeekday) {
            int day = 1 + Math.floorMod(nth.weekday() - first, 7) + 7 * (nth.n() - 1);
            if (day <= length) {
                days |= 1L << day;
            }
        }
        return days;
    }
}
