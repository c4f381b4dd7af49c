package dev.clockwork.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationTextTest {

    private static Duration parse(String text) {
        return DurationText.parse(new Word(text, 4), "delay", "in " + text);
    }

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "2, 120000",
        "1.5, 90000",
        "90s, 90000",
        "1h30m, 5400000",
        "1.5h, 5400000",
        "2w, 1209600000",
        "0.5d, 43200000",
        "1ms, 1",
        "500ms, 500",
        "29.5s500ms, 30000",
        "13d11h29m29.5s500ms, 1164570000",
        ".5s, 500",
        "1H30M, 5400000",
        "1w2d3h4m5s6ms, 788645006",
        "0.001s, 1",
        "PT15M, 900000",
        "pt15m, 900000",
        "P1DT2H, 93600000",
        "PT0.25S, 250",
    })
    void parse_should_read_exact_milliseconds_when_text_is_valid(String text, long millis) {
        assertThat(parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "90000, 1m30s",
        "120000, 2m",
        "5400000, 1h30m",
        "1209600000, 2w",
        "604800000, 1w",
        "864000000, 10d",
        "1500, 1s500ms",
        "1, 1ms",
        "93600000, 1d2h",
    })
    void format_should_write_canonical_units_when_given_a_duration(long millis, String text) {
        assertThat(DurationText.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "0| is not longer than zero",
        "0s0ms| is not longer than zero",
        "PT0S| is not longer than zero",
        "-PT5M| is not longer than zero",
        "PT-5M| is not longer than zero",
        "0.5ms| finer than a millisecond",
        "1.0001s| finer than a millisecond",
        "PT0.0001S| finer than a millisecond",
        "99999999999999999999d| longer than the limit",
        "10001y| is not one of w, d, h, m, s, ms",
        "5x| is not one of w, d, h, m, s, ms",
        "1h5| has no unit",
        "30m1h| follows a smaller unit",
        "1m1m| repeats",
        "1.h| has no unit",
        "h| is not a number followed by a unit",
        "P2W| is not an ISO-8601 duration",
        "P| is not an ISO-8601 duration",
        "5-m| has no unit",
        "1999999999999999999999999999999999999999999999s| longer than the limit",
        "3652426d| longer than the limit",
    })
    void parse_should_reject_with_reason_when_text_is_invalid(String text, String reason) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(TriggerFormatException.class)
                .hasMessageContaining(reason)
                .hasMessageStartingWith("delay: ")
                .hasMessageContaining("in \"in " + text + "\"");
    }

    @ParameterizedTest(name = "{0} points at column {1}")
    @CsvSource({
        "1h5x, 7",
        "30m1h, 8",
        "1h?, 6",
        "99999999999999999999d, 4",
    })
    void parse_should_report_column_of_bad_part_when_part_is_inside_the_word(String text, int column) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(TriggerFormatException.class, e -> {
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.field()).isEqualTo("delay");
                    assertThat(e.token()).isEqualTo(text);
                });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1, 1 millisecond",
        "250, 250 milliseconds",
        "1000, 1 second",
        "1500, 1.5 seconds",
        "90000, 90 seconds",
        "120000, 2 minutes",
        "5400000, 1 hour 30 minutes",
        "1209600000, 2 weeks",
        "864000000, 10 days",
        "90061001, 1 day 1 hour 1 minute 1 second 1 millisecond",
    })
    void words_should_say_duration_in_english_when_described(long millis, String words) {
        assertThat(DurationWords.of(Duration.ofMillis(millis))).isEqualTo(words);
    }
}
