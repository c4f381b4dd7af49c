package dev.clockwork.trigger;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.BitSet;
import java.util.Optional;

/**
 * Finds the next local date-time a cron expression matches, jumping field by field: to the next allowed year, month,
 * day (from the month's day bits), hour, minute and second, resetting the smaller fields whenever a larger one moves
 * and carrying into the larger field when a smaller one runs out. It never steps minute by minute: a call costs a
 * few bit scans per month it has to look at.
 */
final class CronLocalTimes {

    static final int FIRST_YEAR = CronField.YEAR.min();
    static final int LAST_YEAR = CronField.YEAR.max();

    private static final int YEAR = 0;
    private static final int MONTH = 1;
    private static final int DAY = 2;
    private static final int HOUR = 3;
    private static final int MINUTE = 4;
    private static final int SECOND = 5;

    private CronLocalTimes() {
    }

    /** The first whole second at or after {@code from} (whose nanoseconds are ignored) that {@code cron} matches. */
    static Optional<LocalDateTime> firstAtOrAfter(CronTrigger cron, LocalDateTime from) {
        int[] t = {from.getYear(), from.getMonthValue(), from.getDayOfMonth(), from.getHour(), from.getMinute(),
            from.getSecond()};
        if (t[YEAR] < FIRST_YEAR) {
            t[YEAR] = FIRST_YEAR;
            resetBelow(t, YEAR);
        }
        while (true) {
            int year = t[YEAR] > LAST_YEAR ? -1 : cron.years().nextSetBit(t[YEAR]);
            if (year < 0) {
                return Optional.empty();
            }
            moveTo(t, YEAR, year);
            int month = cron.months().nextSetBit(t[MONTH]);
            if (month < 0) {
                carryInto(t, YEAR);
                continue;
            }
            moveTo(t, MONTH, month);
            long days = cron.days().daysIn(YearMonth.of(t[YEAR], t[MONTH])) & (-1L << t[DAY]);
            if (days == 0) {
                carryInto(t, MONTH);
                continue;
            }
            moveTo(t, DAY, Long.numberOfTrailingZeros(days));
            if (moveToNext(t, HOUR, cron.hours()) && moveToNext(t, MINUTE, cron.minutes())
                    && moveToNext(t, SECOND, cron.seconds())) {
                return Optional.of(LocalDateTime.of(t[YEAR], t[MONTH], t[DAY], t[HOUR], t[MINUTE], t[SECOND]));
            }
        }
    }

    /** Moves {@code field} to its next allowed value, or carries into the field above when there is none. */
    private static boolean moveToNext(int[] t, int field, BitSet allowed) {
        int value = allowed.nextSetBit(t[field]);
        if (value < 0) {
            carryInto(t, field - 1);
            return false;
        }
        moveTo(t, field, value);
        return true;
    }

    private static void moveTo(int[] t, int field, int value) {
        if (t[field] != value) {
            t[field] = value;
            resetBelow(t, field);
        }
    }

    /** Adds one to {@code field} and starts the smaller fields over; an overflow is caught by the next bit scan. */
    private static void carryInto(int[] t, int field) {
        t[field]++;
        resetBelow(t, field);
    }

    private static void resetBelow(int[] t, int field) {
        for (int f = field + 1; f <= SECOND; f++) {
            t[f] = f == MONTH || f == DAY ? 1 : 0;
        }
    }
}
