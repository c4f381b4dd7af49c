package dev.clockwork.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;

/**
 * Random cron expressions against a slow brute-force oracle written here from the documented meaning of each form
 * (docs/triggers.md): the oracle walks day by day and then second by second through a day, so it shares no code
 * and no cleverness with {@link CronLocalTimes}. Times are read in UTC; daylight saving has its own table tests.
 */
class CronOracleProperties {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** 2000-01-01 to 2060-01-01, the instants the properties look after. */
    private static final long FROM = 946_684_800L;
    private static final long TO = 2_840_140_800L;
    /** How far the oracle looks when there is no year field: past any 28-year weekday cycle. */
    private static final int HORIZON_YEARS = 40;

    /** One field as typed and what it matches. */
    record Field(String text, IntPredicate matches) {
    }

    /** A day field as typed, whether it restricts the days ({@code *} and {@code ?} do not), and what it matches. */
    record DayField(String text, boolean restricted, Predicate<LocalDate> matches) {
    }

    /** A whole expression: seconds, minutes, hours, days of month, months, days of week, and optionally years. */
    record Expression(Field second, Field minute, Field hour, DayField dayOfMonth, Field month, DayField dayOfWeek,
                      Optional<Field> year) {

        String text() {
            return "cron " + second.text + " " + minute.text + " " + hour.text + " " + dayOfMonth.text + " "
                    + month.text + " " + dayOfWeek.text + year.map(y -> " " + y.text).orElse("");
        }

        boolean matchesDay(LocalDate day) {
            if (!month.matches.test(day.getMonthValue()) || year.isPresent() && !year.get().matches.test(
                    day.getYear())) {
                return false;
            }
            if (dayOfMonth.restricted && dayOfWeek.restricted) {
                return dayOfMonth.matches.test(day) || dayOfWeek.matches.test(day);
            }
            return (!dayOfMonth.restricted || dayOfMonth.matches.test(day))
                    && (!dayOfWeek.restricted || dayOfWeek.matches.test(day));
        }

        /** The first matching second strictly after {@code after} and before {@link #horizon}. */
        Optional<Instant> oracleNext(Instant after) {
            LocalDate end = LocalDate.ofInstant(horizon(after), ZoneOffset.UTC);
            for (LocalDate day = LocalDate.ofInstant(after, ZoneOffset.UTC); day.isBefore(end); day = day.plusDays(1)) {
                if (!matchesDay(day)) {
                    continue;
                }
                for (int s = 0; s < 86_400; s++) {
                    Instant time = day.atStartOfDay().plusSeconds(s).toInstant(ZoneOffset.UTC);
                    if (hour.matches.test(s / 3600) && minute.matches.test(s / 60 % 60)
                            && second.matches.test(s % 60) && time.isAfter(after)) {
                        return Optional.of(time);
                    }
                }
            }
            return Optional.empty();
        }

        /**
         * Where the oracle stops looking: past the year field's range (1970-2199) when there is one, else
         * {@link #HORIZON_YEARS} after {@code after}'s day.
         */
        Instant horizon(Instant after) {
            LocalDate end = year.isPresent() ? LocalDate.of(2200, 1, 1)
                    : LocalDate.ofInstant(after, ZoneOffset.UTC).plusYears(HORIZON_YEARS).plusDays(1);
            return end.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
    }

    @Property(tries = 1500)
    void next_fire_should_be_the_first_matching_second_after_t(@ForAll("expressions") Expression expression,
            @ForAll @LongRange(min = FROM, max = TO) long afterSecond,
            @ForAll @LongRange(min = 0, max = 999_999_999) long afterNanos) {
        Trigger trigger = parseOrSkip(expression.text());
        Instant after = Instant.ofEpochSecond(afterSecond, afterNanos % 2 == 0 ? 0 : afterNanos);

        Optional<Instant> next = trigger.nextFireAfter(after, UTC, after);
        Optional<Instant> expected = expression.oracleNext(after);

        if (expected.isPresent()) {
            assertThat(next).as(expression.text() + " after " + after).isEqualTo(expected);
        } else {
            next.ifPresent(fire -> assertThat(fire).as(expression.text() + " after " + after)
                    .isAfterOrEqualTo(expression.horizon(after)));
        }
    }

    @Property(tries = 300)
    void each_of_the_next_fires_should_be_the_first_matching_second_after_the_previous(
            @ForAll("expressions") Expression expression,
            @ForAll @LongRange(min = FROM, max = TO) long afterSecond) {
        Trigger trigger = parseOrSkip(expression.text());
        Instant cursor = Instant.ofEpochSecond(afterSecond);

        for (Instant fire : trigger.nextFiresAfter(cursor, UTC, cursor, 5)) {
            assertThat(fire).isAfter(cursor);
            assertThat(Optional.of(fire)).as(expression.text() + " after " + cursor)
                    .isEqualTo(expression.oracleNext(cursor));
            cursor = fire;
        }
    }

    @Property(tries = 1000)
    void canonical_text_should_parse_back_to_an_equal_trigger(@ForAll("expressions") Expression expression) {
        Trigger trigger = parseOrSkip(expression.text());

        Trigger again = Trigger.parse(trigger.toString());
        assertThat(again).as(expression.text() + " -> " + trigger).isEqualTo(trigger);
        assertThat(again).hasToString(trigger.toString());
        assertThat(again.describe(UTC)).isEqualTo(trigger.describe(UTC));
    }

    @Property(tries = 3000)
    void cron_junk_should_raise_only_the_format_exception(@ForAll("cronJunk") String text) {
        try {
            Trigger trigger = Trigger.parse(text, "some.task");
            assertThat(Trigger.parse(trigger.toString())).isEqualTo(trigger);
            trigger.describe(UTC);
            trigger.nextFiresAfter(Instant.ofEpochSecond(FROM), ZoneId.of("Europe/Paris"), Instant.EPOCH, 3);
        } catch (TriggerFormatException expected) {
            assertThat(expected.getMessage()).contains("column");
        }
    }

    /** Expressions the parser rejects as never firing (e.g. the 30th of February) are skipped, not failed. */
    private static Trigger parseOrSkip(String text) {
        try {
            return Trigger.parse(text);
        } catch (TriggerFormatException e) {
            assertThat(e.getMessage()).as(text).contains("can never fire");
            Assume.that(false);
            throw e;
        }
    }

    @Provide
    Arbitrary<Expression> expressions() {
        Arbitrary<Optional<Field>> years = plainField(1970, 2199, 2000, 2070, List.of(), false).optional(0.3);
        return Combinators.combine(plainField(0, 59, 0, 59, List.of(), true), plainField(0, 59, 0, 59, List.of(), true),
                        plainField(0, 23, 0, 23, List.of(), true), dayOfMonth(), plainField(1, 12, 1, 12, MONTHS, true),
                        dayOfWeek(), years)
                .as(Expression::new);
    }

    /**
     * A field of {@code min}-{@code max}: {@code *}, or a list of values, ranges (going backwards wraps past the
     * maximum when {@code wraps}), {@code * /n}, {@code a/n} and {@code a-b/n}; values drawn from {@code low}-
     * {@code high}, written as names (any case) when the field has them.
     */
    private static Arbitrary<Field> plainField(int min, int max, int low, int high, List<String> names,
            boolean wraps) {
        int cycle = max - min + 1;
        Arbitrary<Integer> values = Arbitraries.integers().between(low, high);
        Arbitrary<Integer> steps = Arbitraries.integers().between(1, Math.min(cycle - 1, 40));
        Arbitrary<Field> single = values.flatMap(v -> name(v, min, names).map(t -> new Field(t, x -> x == v)));
        Arbitrary<Field> range = Combinators.combine(values, values, steps, Arbitraries.of(true, false))
                .flatAs((a0, b0, step, stepped) -> {
                    int a = wraps ? a0 : Math.min(a0, b0);
                    int b = wraps ? b0 : Math.max(a0, b0);
                    int s = stepped ? step : 1;
                    IntPredicate matches = x -> Math.floorMod(x - a, cycle) <= Math.floorMod(b - a, cycle)
                            && Math.floorMod(x - a, cycle) % s == 0;
                    return Combinators.combine(name(a, min, names), name(b, min, names))
                            .as((ta, tb) -> new Field(ta + "-" + tb + (stepped ? "/" + s : ""), matches));
                });
        Arbitrary<Field> everyNth = steps.map(s -> new Field("*/" + s, x -> (x - min) % s == 0));
        Arbitrary<Field> fromNth = Combinators.combine(values, steps).as((a, s) ->
                new Field(a + "/" + s, x -> x >= a && (x - a) % s == 0));
        Arbitrary<Field> item = Arbitraries.frequencyOf(
                Tuple.of(4, single), Tuple.of(2, range),
                Tuple.of(1, everyNth), Tuple.of(1, fromNth));
        Arbitrary<Field> list = item.list().ofMinSize(1).ofMaxSize(3).map(CronOracleProperties::anyOf);
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(new Field("*", x -> true))),
                Tuple.of(4, list));
    }

    private static Arbitrary<String> name(int value, int min, List<String> names) {
        if (names.isEmpty()) {
            return Arbitraries.just(String.valueOf(value));
        }
        String name = names.get(value - min);
        return Arbitraries.of(String.valueOf(value), name, name.toLowerCase(Locale.ROOT),
                name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT));
    }

    private static Field anyOf(List<Field> items) {
        String text = items.stream().map(Field::text).collect(Collectors.joining(","));
        return new Field(text, x -> items.stream().anyMatch(f -> f.matches.test(x)));
    }

    private static DayField anyDayOf(List<DayField> items) {
        String text = items.stream().map(DayField::text).collect(Collectors.joining(","));
        return new DayField(text, true, d -> items.stream().anyMatch(f -> f.matches.test(d)));
    }

    private static Arbitrary<DayField> unrestricted() {
        return Arbitraries.of("*", "?").map(t -> new DayField(t, false, d -> true));
    }

    /** Day-of-month: plain fields of 1-31 plus {@code L}, {@code L-n}, {@code nW} and {@code LW}. */
    private static Arbitrary<DayField> dayOfMonth() {
        Arbitrary<DayField> plain = plainField(1, 31, 1, 31, List.of(), true).filter(f -> !f.text.equals("*"))
                .map(f -> new DayField(f.text, true, d -> f.matches.test(d.getDayOfMonth())));
        Arbitrary<DayField> last = Arbitraries.integers().between(0, 30).map(n -> new DayField(
                n == 0 ? "L" : "L-" + n, true, d -> d.getDayOfMonth() == d.lengthOfMonth() - n));
        Arbitrary<DayField> nearest = Arbitraries.integers().between(1, 31).map(n -> new DayField(n + "W", true,
                d -> n <= d.lengthOfMonth() && d.getDayOfMonth() == nearestWeekday(d, n)));
        Arbitrary<DayField> lastWeekday = Arbitraries.just(new DayField("LW", true,
                d -> d.getDayOfMonth() == nearestWeekday(d, d.lengthOfMonth())));
        Arbitrary<DayField> item = Arbitraries.frequencyOf(Tuple.of(4, plain),
                Tuple.of(1, last), Tuple.of(1, nearest),
                Tuple.of(1, lastWeekday));
        return Arbitraries.frequencyOf(Tuple.of(2, unrestricted()),
                Tuple.of(3, item.list().ofMinSize(1).ofMaxSize(2).map(CronOracleProperties::anyDayOf)));
    }

    /** The weekday (Monday-Friday) of {@code day}'s month closest to day {@code n}: never two at the same distance. */
    private static int nearestWeekday(LocalDate day, int n) {
        int best = -1;
        for (int d = 1; d <= day.lengthOfMonth(); d++) {
            DayOfWeek weekday = day.withDayOfMonth(d).getDayOfWeek();
            if (weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY
                    && (best < 0 || Math.abs(d - n) < Math.abs(best - n))) {
                best = d;
            }
        }
        return best;
    }

    /**
     * Day-of-week, 0-7 with 0 and 7 Sunday: values and names, ranges counted upwards from 0 to 7 (a step walks the
     * numbers, then 7 is Sunday), {@code * /n} and {@code a/n} up to Saturday, {@code L} (Saturday), {@code dL} (the
     * last such day of the month) and {@code d#n} (the n-th).
     */
    private static Arbitrary<DayField> dayOfWeek() {
        Arbitrary<Integer> values = Arbitraries.integers().between(0, 7);
        Arbitrary<DayField> single = values.flatMap(v -> weekdayName(v).map(t -> new DayField(t, true,
                d -> weekday(d) == v % 7)));
        Arbitrary<DayField> range = Combinators.combine(values, values, Arbitraries.integers().between(1, 6))
                .flatAs((a0, b0, s) -> {
                    int a = Math.min(a0, b0);
                    int b = Math.max(a0, b0);
                    Predicate<LocalDate> matches = d -> {
                        for (int r = a; r <= b; r += s) {
                            if (r % 7 == weekday(d)) {
                                return true;
                            }
                        }
                        return false;
                    };
                    return Combinators.combine(weekdayName(a), weekdayName(b))
                            .as((ta, tb) -> new DayField(ta + "-" + tb + (s > 1 ? "/" + s : ""), true, matches));
                });
        Arbitrary<DayField> stepped = Combinators.combine(Arbitraries.integers().between(-1, 6),
                Arbitraries.integers().between(1, 6)).as((a, s) -> new DayField((a < 0 ? "*" : a.toString()) + "/" + s,
                true, d -> weekday(d) >= Math.max(a, 0) && (weekday(d) - Math.max(a, 0)) % s == 0));
        Arbitrary<DayField> saturday = Arbitraries.just(new DayField("L", true, d -> weekday(d) == 6));
        Arbitrary<DayField> lastOf = values.flatMap(v -> weekdayName(v).map(t -> new DayField(t + "L", true,
                d -> weekday(d) == v % 7 && d.getDayOfMonth() + 7 > d.lengthOfMonth())));
        Arbitrary<DayField> nth = Combinators.combine(values, Arbitraries.integers().between(1, 5)).flatAs((v, n) ->
                weekdayName(v).map(t -> new DayField(t + "#" + n, true,
                        d -> weekday(d) == v % 7 && (d.getDayOfMonth() - 1) / 7 + 1 == n)));
        Arbitrary<DayField> item = Arbitraries.frequencyOf(Tuple.of(4, single),
                Tuple.of(2, range), Tuple.of(1, stepped),
                Tuple.of(1, saturday), Tuple.of(1, lastOf),
                Tuple.of(1, nth));
        return Arbitraries.frequencyOf(Tuple.of(2, unrestricted()),
                Tuple.of(3, item.list().ofMinSize(1).ofMaxSize(2).map(CronOracleProperties::anyDayOf)));
    }

    /** 0 = Sunday ... 6 = Saturday, as in cron. */
    private static int weekday(LocalDate day) {
        return day.getDayOfWeek().getValue() % 7;
    }

    private static Arbitrary<String> weekdayName(int value) {
        if (value == 7) {
            return Arbitraries.just("7");
        }
        String name = WEEKDAYS.get(value);
        return Arbitraries.of(String.valueOf(value), name, name.toLowerCase(Locale.ROOT));
    }

    @Provide
    Arbitrary<String> cronJunk() {
        Arbitrary<String> token = Arbitraries.strings().withChars("0123456789*/,-?LW#H()").withChars("MONJANsun")
                .ofMinLength(0).ofMaxLength(8);
        Arbitrary<String> fields = token.list().ofMinSize(0).ofMaxSize(8).map(list -> String.join(" ", list));
        Arbitrary<String> macros = Arbitraries.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
                "@midnight", "@hourly", "@reboot", "@", "@DAILY x");
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(30);
        return Arbitraries.oneOf(fields, macros, anything).map(text -> "cron " + text);
    }
}
