package dev.clockwork.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EveryTriggerTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant ANCHOR = Instant.parse("2026-01-01T00:00:00Z");

    private static Optional<Instant> next(String text, String after) {
        return Trigger.parse(text).nextFireAfter(Instant.parse(after), PARIS, ANCHOR);
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource({
        // Without from, the first fire is one interval after the anchor (2026-01-01T00:00Z).
        "every 90s, 2026-01-01T00:00:00Z, 2026-01-01T00:01:30Z",
        "every 90s, 2025-06-01T00:00:00Z, 2026-01-01T00:01:30Z",
        "every 90s, 2026-01-01T00:01:30Z, 2026-01-01T00:03:00Z",
        "every 90s, 2026-01-01T00:01:29.999999999Z, 2026-01-01T00:01:30Z",
        "every 90s, 2026-01-01T00:01:30.000000001Z, 2026-01-01T00:03:00Z",
        "every 2, 2026-01-01T10:00:00Z, 2026-01-01T10:02:00Z",
        "every 1h30m, 2026-01-01T10:00:00Z, 2026-01-01T10:30:00Z",
        "every 7ms, 2026-01-01T00:00:00.010Z, 2026-01-01T00:00:00.014Z",
        "every 3w, 2026-02-01T00:00:00Z, 2026-02-12T00:00:00Z",
        // Jumps arithmetically: a million years of 1 ms intervals later is answered at once.
        "every 1ms, +1002026-01-01T00:00:00.0005Z, +1002026-01-01T00:00:00.001Z",
        // With from: fires are from + k * interval; a local from is read in Paris (UTC+1 in winter).
        "every 1h from 2026-01-01T09:00, 2026-01-01T00:00:00Z, 2026-01-01T08:00:00Z",
        "every 1h from 2026-01-01T09:00, 2026-01-01T08:00:00Z, 2026-01-01T09:00:00Z",
        "every 1h from 2026-01-01T09:00Z, 2026-01-01T09:30:00Z, 2026-01-01T10:00:00Z",
        "every 1h from 2025-12-31T09:00Z, 2026-01-01T09:30:00Z, 2026-01-01T10:00:00Z",
        // Elapsed time across the spring-forward night in Paris: the hour after 01:30 CET is 03:30 CEST.
        "every 1h from 2026-03-29T01:30, 2026-03-29T00:30:00Z, 2026-03-29T01:30:00Z",
        "every 1d from 2026-03-28T12:00, 2026-03-28T11:00:00Z, 2026-03-29T11:00:00Z",
        // Until is inclusive; times n allows n fires.
        "every 1h from 2026-01-01T00:00Z until 2026-01-01T03:00Z, 2026-01-01T02:00:00Z, 2026-01-01T03:00:00Z",
        "every 1h from 2026-01-01T00:00Z times 3, 2026-01-01T01:00:00Z, 2026-01-01T02:00:00Z",
        "every 1h from 2026-01-01T00:00Z times 1, 2025-01-01T00:00:00Z, 2026-01-01T00:00:00Z",
    })
    void every_should_fire_at_start_plus_whole_intervals_when_fixed_rate(String text, String after,
            String expected) {
        Optional<Instant> next = next(text, after);
        assertThat(next).contains(Instant.parse(expected));
        assertThat(next.get()).isAfter(Instant.parse(after));
    }

    @ParameterizedTest(name = "{0} after {1} -> never")
    @CsvSource({
        "every 1h from 2026-01-01T00:00Z until 2026-01-01T03:00Z, 2026-01-01T03:00:00Z",
        "every 1h from 2026-01-01T00:00Z until 2026-01-01T03:30Z, 2026-01-01T03:00:00Z",
        "every 1h from 2026-01-01T00:00Z times 3, 2026-01-01T02:00:00Z",
        "every 1h from 2026-01-01T00:00Z times 1, 2026-01-01T00:00:00Z",
        "every 1h until 2025-01-01T00:00Z, 2025-01-01T00:00:00Z",
        "every 10000d, +1000000000-12-31T00:00:00Z",
    })
    void every_should_never_fire_again_when_bounded_trigger_is_exhausted(String text, String after) {
        assertThat(next(text, after)).isEmpty();
    }

    @Test
    void every_should_keep_anchored_fires_when_asked_late() {
        Trigger trigger = Trigger.parse("every 1m30s from 2026-01-01T00:00Z times 10");
        List<Instant> fires = trigger.nextFiresAfter(Instant.parse("2026-01-01T00:04:00Z"), PARIS, ANCHOR, 20);
        assertThat(fires).containsExactly(Instant.parse("2026-01-01T00:04:30Z"), Instant.parse("2026-01-01T00:06:00Z"),
                Instant.parse("2026-01-01T00:07:30Z"), Instant.parse("2026-01-01T00:09:00Z"),
                Instant.parse("2026-01-01T00:10:30Z"), Instant.parse("2026-01-01T00:12:00Z"),
                Instant.parse("2026-01-01T00:13:30Z"));
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource({
        "every 5m after each run, 2026-01-01T00:00:00Z, 2026-01-01T00:05:00Z",
        "every 5m after each run, 2026-01-01T00:07:13Z, 2026-01-01T00:12:13Z",
        "every 5m after each run from 2026-01-01T09:00Z, 2026-01-01T00:00:00Z, 2026-01-01T09:00:00Z",
        "every 5m after each run from 2026-01-01T09:00Z, 2026-01-01T08:59:00Z, 2026-01-01T09:00:00Z",
        "every 5m after each run from 2026-01-01T09:00Z, 2026-01-01T09:00:00Z, 2026-01-01T09:05:00Z",
        "every 5m after each run from 2026-01-01T09:00Z, 2026-01-01T09:02:41Z, 2026-01-01T09:07:41Z",
        "every 5m after each run until 2026-01-01T01:00Z, 2026-01-01T00:55:00Z, 2026-01-01T01:00:00Z",
    })
    void every_should_count_from_end_of_run_when_fixed_delay(String text, String runEnd, String expected) {
        Trigger trigger = Trigger.parse(text);
        Optional<Instant> next = trigger.nextFireAfter(Instant.parse(runEnd), PARIS, ANCHOR);
        assertThat(trigger.timing()).isEqualTo(Timing.FIXED_DELAY);
        assertThat(next).contains(Instant.parse(expected));
        assertThat(next.get()).isAfter(Instant.parse(runEnd));
    }

    @Test
    void every_should_stop_at_until_when_fixed_delay_run_ends_late() {
        Trigger trigger = Trigger.parse("every 5m after each run until 2026-01-01T01:00Z");
        assertThat(trigger.nextFireAfter(Instant.parse("2026-01-01T00:55:01Z"), PARIS, ANCHOR)).isEmpty();
    }

    @Test
    void every_should_report_times_for_the_engine_to_count_when_fixed_delay() {
        Trigger trigger = Trigger.parse("every 5m after each run times 3");
        assertThat(trigger.maxFires()).isEqualTo(OptionalLong.of(3));
        assertThat(Trigger.parse("every 5m").maxFires()).isEmpty();
        assertThat(Trigger.parse("every 5m").timing()).isEqualTo(Timing.FIXED_RATE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "every 90s, every 1m30s",
        "every 2, every 2m",
        "EVERY 1.5H, every 1h30m",
        "every PT15M, every 15m",
        "every 14d, every 2w",
        "every 5m After Each Run, every 5m after each run",
        "every 1h times 3 until 202612312359 from 2026-01-01T00:00Z after each run, "
                + "every 1h after each run from 2026-01-01T00:00Z until 2026-12-31T23:59 times 3",
    })
    void every_should_print_canonical_text_when_parsed(String text, String canonical) {
        Trigger trigger = Trigger.parse(text);
        assertThat(trigger).hasToString(canonical).isEqualTo(Trigger.parse(canonical));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "every 90s from 2026-01-01T00:00Z times 10|every 90 seconds from 2026-01-01 00:00 UTC, 10 times",
        "every 5m after each run|every 5 minutes, counted from the end of each run",
        "every 1h30m|every 1 hour 30 minutes",
        "every 1d from 2026-06-01T09:00 until 2026-06-30T09:00 times 1|every 1 day from 2026-06-01 09:00 UTC "
                + "until 2026-06-30 09:00 UTC, once",
    })
    void describe_should_say_interval_and_bounds_when_every_is_described(String text, String words) {
        assertThat(Trigger.parse(text).describe(ZoneId.of("UTC"))).isEqualTo(words);
    }
}
