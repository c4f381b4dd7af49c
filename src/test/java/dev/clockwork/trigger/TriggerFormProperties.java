package dev.clockwork.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties of the at, every and in forms, checked against slow oracles written here. */
class TriggerFormProperties {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Paris"),
            ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Pacific/Apia"));
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> UNITS = List.of("w", "d", "h", "m", "s", "ms");
    private static final List<Long> UNIT_MILLIS = List.of(604_800_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L);

    @Property(tries = 500)
    void every_should_fire_next_exactly_at_the_first_stepped_fire_after_t(
            @ForAll @LongRange(min = 1, max = 200_000_000) long intervalMillis,
            @ForAll @LongRange(min = -1_000_000_000, max = 1_000_000_000) long fromOffsetMillis,
            @ForAll @IntRange(min = 0, max = 50) int maxTimes,
            @ForAll @IntRange(min = -1, max = 60) int untilSteps,
            @ForAll @LongRange(min = -5, max = 3000) long afterSteps,
            @ForAll @LongRange(min = 0, max = 999_999_999) long afterNanos) {
        Instant start = BASE.plusMillis(fromOffsetMillis);
        Duration interval = Duration.ofMillis(intervalMillis);
        String text = "every " + DurationText.format(interval) + " from " + start.atOffset(ZoneOffset.UTC)
                .toLocalDateTime() + "Z" + (maxTimes > 0 ? " times " + maxTimes : "")
                + (untilSteps >= 0 ? " until " + start.plus(interval.multipliedBy(untilSteps)) : "");
        Instant after = start.plus(interval.multipliedBy(afterSteps)).plusNanos(afterNanos % intervalMillis);
        Optional<Instant> next = Trigger.parse(text).nextFireAfter(after, ZoneId.of("UTC"), BASE);

        next.ifPresent(fire -> assertThat(fire).isAfter(after));
        assertThat(next).isEqualTo(steppedOracle(start, interval, after, maxTimes, untilSteps));
    }

    /** Walks the fires one by one from the start: slow, but obviously right. */
    private static Optional<Instant> steppedOracle(Instant start, Duration interval, Instant after, int maxTimes,
            int untilSteps) {
        Instant fire = start;
        for (long k = 0; maxTimes == 0 || k < maxTimes; k++, fire = fire.plus(interval)) {
            if (untilSteps >= 0 && k > untilSteps) {
                return Optional.empty();
            }
            if (fire.isAfter(after)) {
                return Optional.of(fire);
            }
        }
        return Optional.empty();
    }

    @Property(tries = 300)
    void every_should_count_from_end_of_run_when_fixed_delay(
            @ForAll @LongRange(min = 1, max = 200_000_000) long intervalMillis,
            @ForAll @LongRange(min = -1_000_000_000, max = 1_000_000_000) long runEndOffsetMillis) {
        Duration interval = Duration.ofMillis(intervalMillis);
        Trigger trigger = Trigger.parse("every " + DurationText.format(interval) + " after each run");
        Instant runEnd = BASE.plusMillis(runEndOffsetMillis);
        Instant start = BASE.plus(interval);
        Instant expected = runEnd.isBefore(start) ? start : runEnd.plus(interval);

        Optional<Instant> next = trigger.nextFireAfter(runEnd, ZoneId.of("Europe/Paris"), BASE);
        assertThat(next).contains(expected);
        assertThat(next.get()).isAfter(runEnd);
    }

    @Property(tries = 300)
    void in_should_fire_once_at_anchor_plus_delay(@ForAll("durationTexts") String delay,
            @ForAll @LongRange(min = -100_000_000_000L, max = 100_000_000_000L) long afterOffsetMillis) {
        Trigger trigger = Trigger.parse("in " + delay);
        Instant after = BASE.plusMillis(afterOffsetMillis);
        Instant fire = BASE.plus(((InTrigger) trigger).delay());
        Optional<Instant> next = trigger.nextFireAfter(after, ZoneId.of("UTC"), BASE);

        assertThat(next).isEqualTo(fire.isAfter(after) ? Optional.of(fire) : Optional.empty());
        next.ifPresent(n -> assertThat(n).isAfter(after));
    }

    @Property(tries = 300)
    void at_should_fire_only_at_its_instant(@ForAll("whenTexts") String when, @ForAll("zones") ZoneId zone,
            @ForAll @LongRange(min = -4_000_000_000_000L, max = 4_000_000_000_000L) long afterOffsetMillis) {
        Trigger trigger = Trigger.parse("at " + when);
        Instant fire = ((AtTrigger) trigger).when().in(zone);
        Instant after = BASE.plusMillis(afterOffsetMillis);
        Optional<Instant> next = trigger.nextFireAfter(after, zone, BASE);

        assertThat(next).isEqualTo(fire.isAfter(after) ? Optional.of(fire) : Optional.empty());
        assertThat(trigger.nextFireAfter(fire, zone, BASE)).isEmpty();
    }

    @Property(tries = 500)
    void duration_should_equal_the_sum_of_its_parts_to_the_millisecond(@ForAll("durationParts") List<long[]> parts) {
        long expected = parts.stream().mapToLong(p -> p[1] * UNIT_MILLIS.get((int) p[0]) / 1000).sum();
        Assume.that(expected > 0);
        assertThat(Trigger.parse("in " + text(parts))).isEqualTo(new InTrigger(Duration.ofMillis(expected)));
    }

    @Property(tries = 500)
    void parse_should_round_trip_canonical_text(@ForAll("triggerTexts") String text) {
        Trigger trigger = Trigger.parse(text);
        assertThat(Trigger.parse(trigger.toString())).isEqualTo(trigger).hasToString(trigger.toString());
    }

    @Property(tries = 2000)
    void parse_should_throw_only_format_exception_when_text_is_junk(@ForAll("junk") String text) {
        // The cron form belongs to CronTrigger, tested on its own.
        Assume.that(!text.strip().toLowerCase(Locale.ROOT).startsWith("cron"));
        try {
            Trigger trigger = Trigger.parse(text);
            assertThat(Trigger.parse(trigger.toString())).isEqualTo(trigger);
            trigger.describe(ZoneId.of("Europe/Paris"));
            trigger.nextFiresAfter(BASE, ZoneId.of("Europe/Paris"), BASE, 3);
        } catch (TriggerFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES);
    }

    /** Lists of (unit index, thousandths) pairs, largest unit first; ms parts are whole. */
    @Provide
    Arbitrary<List<long[]>> durationParts() {
        Arbitrary<long[]> part = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.longs().between(0, 999_999)).as((unit, thousandths) ->
                new long[] {unit, unit == 5 ? thousandths / 1000 * 1000 : thousandths});
        return part.list().ofMinSize(1).ofMaxSize(6).uniqueElements(p -> p[0])
                .map(list -> list.stream().sorted((a, b) -> Long.compare(a[0], b[0])).toList());
    }

    private static String text(List<long[]> parts) {
        StringBuilder text = new StringBuilder();
        for (long[] part : parts) {
            text.append(BigDecimal.valueOf(part[1], 3).stripTrailingZeros().toPlainString())
                    .append(UNITS.get((int) part[0]));
        }
        return text.toString();
    }

    @Provide
    Arbitrary<String> durationTexts() {
        Arbitrary<String> units = durationParts().map(TriggerFormProperties::text)
                .filter(t -> !t.matches("[0.]*[a-z]*(?:[0.]+[a-z]+)*"));
        Arbitrary<String> bare = Arbitraries.integers().between(1, 100_000).map(String::valueOf);
        Arbitrary<String> iso = Arbitraries.longs().between(1, 10_000_000_000L)
                .map(ms -> Duration.ofMillis(ms).toString());
        return Arbitraries.oneOf(units, bare, iso);
    }

    @Provide
    Arbitrary<String> whenTexts() {
        Arbitrary<Instant> instants = Arbitraries.longs().between(-2_000_000_000_000L, 4_000_000_000_000L)
                .map(Instant::ofEpochMilli);
        Arbitrary<String> offsets = Arbitraries.of("", "Z", "+01:00", "-05:30", "+14:00", "-12:00");
        Arbitrary<String> iso = Combinators.combine(instants, offsets)
                .as((instant, offset) -> instant.atOffset(ZoneOffset.UTC).toLocalDateTime() + offset);
        Arbitrary<String> compact = instants.map(i -> String.format("%1$tY%1$tm%1$td%1$tH%1$tM",
                i.atOffset(ZoneOffset.UTC)));
        return Arbitraries.oneOf(iso, compact);
    }

    @Provide
    Arbitrary<String> triggerTexts() {
        Arbitrary<String> at = whenTexts().map(w -> "At " + w);
        Arbitrary<String> in = durationTexts().map(d -> "IN " + d);
        Arbitrary<String> every = Combinators.combine(durationTexts(), whenTexts().optional(),
                Arbitraries.integers().between(1, 1000).optional(), Arbitraries.of("", " after each run"))
                .as((d, from, times, delay) -> "every " + d + delay + from.map(f -> " from " + f).orElse("")
                        + times.map(n -> " times " + n).orElse(""));
        return Arbitraries.oneOf(at, in, every);
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> prefix = Arbitraries.of("", "at ", "in ", "every ", "every 5m ", "every 5m from ",
                "every 5m times ", "every 5m after ", "AT 2026", "in 1.", "in P", "every PT");
        Arbitrary<String> tail = Arbitraries.strings().withChars("0123456789.:-+TZPWDHMSmsdhw @*?#/ \t")
                .withCharRange('a', 'z').ofMaxLength(30);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(40);
        return Arbitraries.oneOf(Combinators.combine(prefix, tail).as(String::concat), anything);
    }
}
