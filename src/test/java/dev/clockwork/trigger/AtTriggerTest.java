package dev.clockwork.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AtTriggerTest {

    private static final Instant ANCHOR = Instant.parse("2020-01-01T00:00:00Z");

    private static Optional<Instant> next(String text, String after, String zone) {
        return Trigger.parse(text).nextFireAfter(Instant.parse(after), ZoneId.of(zone), ANCHOR);
    }

    @ParameterizedTest(name = "{0} in {2} after {1} -> {3}")
    @CsvSource({
        "at 202612312359, 2026-01-01T00:00:00Z, UTC, 2026-12-31T23:59:00Z",
        "at 202612312359, 2026-01-01T00:00:00Z, Europe/Paris, 2026-12-31T22:59:00Z",
        "at 2026-12-31T23:59, 2026-01-01T00:00:00Z, America/New_York, 2027-01-01T04:59:00Z",
        "at 2026-12-31T23:59:30+01:00, 2026-01-01T00:00:00Z, America/New_York, 2026-12-31T22:59:30Z",
        "at 2026-12-31T23:59Z, 2026-01-01T00:00:00Z, Europe/Paris, 2026-12-31T23:59:00Z",
        "at 2026-12-31T23:59:30.250Z, 2026-12-31T23:59:30.249Z, UTC, 2026-12-31T23:59:30.250Z",
        "AT 2028-02-29T12:00, 2026-01-01T00:00:00Z, UTC, 2028-02-29T12:00:00Z",
        // Spring forward in Paris: 02:30 does not exist, the fire is the first instant after the jump (03:00 CEST).
        "at 2026-03-29T02:30, 2026-01-01T00:00:00Z, Europe/Paris, 2026-03-29T01:00:00Z",
        "at 202603080230, 2026-01-01T00:00:00Z, America/New_York, 2026-03-08T07:00:00Z",
        // Fall back: 02:30 happens twice in Paris, 01:30 in New York; the earlier occurrence fires.
        "at 2026-10-25T02:30, 2026-01-01T00:00:00Z, Europe/Paris, 2026-10-25T00:30:00Z",
        "at 2026-11-01T01:30, 2026-01-01T00:00:00Z, America/New_York, 2026-11-01T05:30:00Z",
        // Lord Howe moves by 30 minutes: 02:15 on 2026-10-04 is skipped, 01:45 on 2026-04-05 happens twice (+11:00
        // first, then +10:30).
        "at 2026-10-04T02:15, 2026-01-01T00:00:00Z, Australia/Lord_Howe, 2026-10-03T15:30:00Z",
        "at 2026-04-05T01:45, 2026-01-01T00:00:00Z, Australia/Lord_Howe, 2026-04-04T14:45:00Z",
        // Apia skipped 2011-12-30 entirely; noon that day means the first instant of 2011-12-31.
        "at 2011-12-30T12:00, 2011-01-01T00:00:00Z, Pacific/Apia, 2011-12-30T10:00:00Z",
    })
    void at_should_fire_once_at_its_time_when_it_is_after_the_instant(String text, String after, String zone,
            String expected) {
        Optional<Instant> next = next(text, after, zone);
        assertThat(next).contains(Instant.parse(expected));
        assertThat(next.get()).isAfter(Instant.parse(after));
        assertThat(Trigger.parse(text).nextFireAfter(next.get(), ZoneId.of(zone), ANCHOR)).isEmpty();
    }

    @Test
    void at_should_not_fire_when_its_time_equals_the_instant() {
        assertThat(next("at 2026-12-31T23:59Z", "2026-12-31T23:59:00Z", "UTC")).isEmpty();
    }

    @Test
    void at_should_not_fire_when_its_time_has_passed() {
        assertThat(next("at 202612312359", "2027-01-01T00:00:00Z", "UTC")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "at 202612312359, at 2026-12-31T23:59",
        "  At   2026-12-31T23:59:00  , at 2026-12-31T23:59",
        "at 2026-12-31t23:59:30+01:00, at 2026-12-31T23:59:30+01:00",
        "at 2026-12-31T23:59+00:00, at 2026-12-31T23:59Z",
        "at 2026-12-31T23:59:30.5z, at 2026-12-31T23:59:30.500Z",
        "at 2026-12-31T23:59:30.000000001-05:30, at 2026-12-31T23:59:30.000000001-05:30",
    })
    void at_should_print_canonical_iso_text_when_parsed(String text, String canonical) {
        Trigger trigger = Trigger.parse(text);
        assertThat(trigger).hasToString(canonical);
        assertThat(Trigger.parse(trigger.toString())).isEqualTo(trigger);
    }

    @ParameterizedTest(name = "{0}: {1} at column {2}")
    @CsvSource(delimiter = '|', value = {
        "at 202613312359|month|8|13 in 202613312359 is out of range 1-12",
        "at 202602290000|day|10|29 in 202602290000 is out of range 1-28 in 2026-02",
        "at 202612312459|hour|12|24 in 202612312459 is out of range 0-23",
        "at 202612312360|minute|14|60 in 202612312360 is out of range 0-59",
        "at 000012312359|year|4|0 in 000012312359 is out of range 1-9999",
        "at 2026-04-31T10:00|day|12|31 in 2026-04-31T10:00 is out of range 1-30",
        "at 2026-12-31T10:00:60|second|21|60 in 2026-12-31T10:00:60 is out of range 0-59",
        "at 2026-12-31T10:00+19:00|offset|20|offset +19:00",
        "at 2026-12-31|date-time|4|2026-12-31 is not a date-time",
        "at 20261231235|date-time|4|is not a date-time",
        "at tomorrow|date-time|4|write yyyyMMddHHmm such as 202612312359",
        "at|at|1|at needs a value after it",
        "at 202612312359 now|at|17|unexpected 'now' after 202612312359",
    })
    void at_should_name_the_bad_part_when_the_date_time_is_invalid(String text, String part, int column,
            String problem) {
        assertThatThrownBy(() -> Trigger.parse(text))
                .isInstanceOfSatisfying(TriggerFormatException.class, e -> {
                    assertThat(e.field()).isEqualTo(part);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.getMessage()).startsWith(part + ": ").contains(problem)
                            .contains("(column " + column + ")");
                });
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "at 2026-12-31T23:59|Europe/Paris|once at 2026-12-31 23:59 Europe/Paris",
        "at 2026-12-31T23:59:30Z|Europe/Paris|once at 2027-01-01 00:59:30 Europe/Paris",
        "at 2026-12-31T23:59Z|UTC|once at 2026-12-31 23:59 UTC",
        "at 2026-12-31T23:59Z|Z|once at 2026-12-31 23:59 UTC",
        "at 2026-03-29T02:30|Europe/Paris|once at 2026-03-29 03:00 Europe/Paris",
    })
    void describe_should_show_local_time_in_zone_when_at_is_described(String text, String zone, String words) {
        assertThat(Trigger.parse(text).describe(ZoneId.of(zone))).isEqualTo(words);
    }
}
