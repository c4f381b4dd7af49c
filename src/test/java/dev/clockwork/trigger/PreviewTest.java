package dev.clockwork.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreviewTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-29T00:00:00Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Preview.run(args, CLOCK, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void preview_should_print_five_fires_in_utc_when_only_trigger_is_given() {
        assertThat(run("every 90s")).isZero();
        assertThat(out()).isEqualTo("""
                2026-03-29T00:01:30Z
                2026-03-29T00:03:00Z
                2026-03-29T00:04:30Z
                2026-03-29T00:06:00Z
                2026-03-29T00:07:30Z
                """);
        assertThat(err()).isEmpty();
    }

    @Test
    void preview_should_print_offsets_of_the_zone_when_fires_cross_spring_forward() {
        assertThat(run("every 1h from 2026-03-29T00:30", "--zone", "Europe/Paris", "--count", "3",
                "--from", "2026-03-28T23:00:00Z")).isZero();
        assertThat(out()).isEqualTo("""
                2026-03-29T00:30:00+01:00
                2026-03-29T01:30:00+01:00
                2026-03-29T03:30:00+02:00
                """);
    }

    @Test
    void preview_should_stop_early_when_the_trigger_runs_out() {
        assertThat(run("at 2026-03-29T03:00", "--zone=Europe/Paris", "--count=10")).isZero();
        assertThat(out()).isEqualTo("2026-03-29T03:00:00+02:00\n");
    }

    @Test
    void preview_should_print_nothing_when_the_trigger_has_passed() {
        assertThat(run("at 2020-01-01T00:00")).isZero();
        assertThat(out()).isEmpty();
    }

    @Test
    void preview_should_stop_after_times_when_trigger_is_fixed_delay() {
        assertThat(run("every 5m after each run times 2", "--count", "5")).isZero();
        assertThat(out()).isEqualTo("2026-03-29T00:05:00Z\n2026-03-29T00:10:00Z\n");
    }

    @Test
    void preview_should_count_in_from_the_from_option_when_it_is_given() {
        assertThat(run("in 1.5h", "--from", "2026-01-01T10:00:00+01:00")).isZero();
        assertThat(out()).isEqualTo("2026-01-01T10:30:00Z\n");
    }

    @Test
    void preview_should_print_canonical_text_and_description_when_describe_is_given() {
        assertThat(run("EVERY 90s from 2026-01-01T00:00Z times 10", "--describe")).isZero();
        assertThat(out()).isEqualTo("every 1m30s from 2026-01-01T00:00Z times 10\n"
                + "every 90 seconds from 2026-01-01 00:00 UTC, 10 times\n");
    }

    @Test
    void preview_should_print_usage_and_exit_zero_when_help_is_asked() {
        assertThat(run("--help")).isZero();
        assertThat(out()).startsWith("usage: Preview '<trigger>'").contains("--describe");
        assertThat(err()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "every 5x|interval: ",
        "every 5m;--zone;Mars/Olympus|--zone Mars/Olympus is not a zone",
        "every 5m;--from;yesterday|--from yesterday is not an ISO-8601 instant",
        "every 5m;--count;0|--count 0 is not a whole number",
        "every 5m;--count;many|--count many is not a whole number",
        "every 5m;--count;100001|--count 100001",
        "every 5m;--count|option --count needs a value",
        "every 5m;--verbose|unknown option --verbose",
        "every;5m|unexpected argument '5m' after the trigger 'every'; quote the whole trigger",
        "every 5m;times 3|unexpected argument 'times 3'",
        "--zone;UTC|missing trigger",
    })
    void preview_should_print_error_on_stderr_and_exit_2_when_input_is_bad(String args, String message) {
        assertThat(run(args.split(";"))).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).contains(message);
    }

    @Test
    void preview_should_exit_2_when_no_argument_is_given() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("missing trigger");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            at 2263-01-01T00:00                 | 2263-01-01T00:00:00Z
            at 9999-12-31T23:59                 | 9999-12-31T23:59:00Z
            in 13000w                           | 2275-05-23T00:00:00Z
            every 1h from 2300-01-01T00:00      | 2300-01-01T00:00:00Z
            """)
    void preview_should_refuse_a_trigger_whose_first_fire_is_beyond_the_horizon(String trigger, String first) {
        assertThat(run(trigger)).isEqualTo(Preview.BAD_INPUT);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("fire times must be before 2200-01-01T00:00:00Z", "would be at " + first);
    }

    @Test
    void preview_should_stop_at_the_horizon_when_later_fires_are_beyond_it() {
        assertThat(run("every 6000w", "--count", "5")).isZero();
        assertThat(out()).isEqualTo("2141-03-26T00:00:00Z\n");
    }
}
