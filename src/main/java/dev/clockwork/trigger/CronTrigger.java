package dev.clockwork.trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code cron <fields>}: fires at the calendar times its fields match, read in the task's zone.
 *
 * <p>Fields: 5 (minute hour day-of-month month day-of-week), 6 (seconds first) or 7 (seconds first, year last), or a
 * macro ({@code @yearly @annually @monthly @weekly @daily @midnight @hourly}). Day-of-week is 0-7 in every layout,
 * 0 and 7 being Sunday. See {@link CronParser} for the syntax, {@link CronHash} for {@code H}, {@link CronDays} for
 * how day-of-month and day-of-week combine, and {@link CronFireTimes} for daylight saving.
 *
 * <p>The value holds what the fields mean, not how they were typed: {@code cron 0 9 * * *} equals
 * {@code cron 0 0 9 * * *}, and {@code H} is already replaced by the value it hashes to. Its text is canonical
 * ({@link CronText}).
 *
 * @param seconds 0-59
 * @param minutes 0-59
 * @param hours 0-23
 * @param days the day-of-month and day-of-week rules
 * @param months 1-12
 * @param years 1970-2199
 */
record CronTrigger(BitSet seconds, BitSet minutes, BitSet hours, CronDays days, BitSet months, BitSet years)
        implements Trigger {

    CronTrigger {
        seconds = (BitSet) seconds.clone();
        minutes = (BitSet) minutes.clone();
        hours = (BitSet) hours.clone();
        Objects.requireNonNull(days, "days");
        months = (BitSet) months.clone();
        years = (BitSet) years.clone();
    }

    /**
     * Parses the fields after the {@code cron} keyword.
     *
     * @param taskName the task name {@code H} hashes
     * @param columnOffset the 0-based index in {@code fullText} where the fields (5, 6 or 7, or a macro such as
     *     {@code @daily}) start after the {@code cron} keyword
     * @param fullText the whole trigger text, for error messages
     * @throws TriggerFormatException naming the field, token, column and allowed values; also when the expression
     *     can never fire (e.g. {@code cron 0 0 30 2 *})
     */
    static Trigger parse(String taskName, int columnOffset, String fullText) {
        return CronParser.parse(taskName, columnOffset, fullText);
    }

    /** The first fire time strictly after {@code after}; the anchor plays no part. */
    @Override
    public Optional<Instant> nextFireAfter(Instant after, ZoneId zone, Instant anchor) {
        return CronFireTimes.nextAfter(this, after, zone);
    }

    /**
     * True when the hour field is {@code *}: such an expression fires by elapsed time through daylight-saving
     * changes; any other is a fixed-time expression (Vixie cron's rule).
     */
    boolean everyHour() {
        return hours.cardinality() == 24;
    }

    /** E.g. "at 09:00, Monday through Friday"; cron fields are local times, so the zone does not change it. */
    @Override
    public String describe(ZoneId zone) {
        return CronDescription.of(this);
    }

    @Override
    public String toString() {
        return "cron " + CronText.of(this);
    }
}
