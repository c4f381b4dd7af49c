package dev.clockwork.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EveryParserTest {

    @ParameterizedTest(name = "{0}: {1} at column {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "every|every|1|every needs a value after it",
        "every 0|interval|7|0 is not longer than zero",
        "every 0.5ms|interval|7|finer than a millisecond",
        "every 5m times 0|times|16|0 is not a whole number from 1",
        "every 5m times -1|times|16|-1 is not a whole number from 1",
        "every 5m times ten|times|16|write the number of executions",
        "every 5m times 9999999999999999999|times|16|not a whole number",
        "every 5m times|times|10|times has no value",
        "every 5m from|from|10|from has no value",
        "every 5m from 2026-01-01T00:00 from 2026-01-02T00:00|from|32|from is given twice",
        "every 5m until 2026-13-01T00:00|month|21|13 in 2026-13-01T00:00 is out of range 1-12",
        "every 5m from 2026-01-02T00:00 until 2026-01-01T00:00|until|38|is before from 2026-01-02T00:00",
        "every 5m from 2026-01-02T00:00Z until 2026-01-01T23:59+01:00|until|39|is before from",
        "every 5m after|after each run|10|'after' must be followed by 'each run'",
        "every 5m after each|after each run|10|'after' must be followed by 'each run'",
        "every 5m after each run after each run|after each run|25|given twice",
        "every 5m sometimes|every|10|'sometimes' is not a clause of every",
        "every 5m 10m|every|10|'10m' is not a clause of every",
    })
    void every_should_reject_with_the_clause_and_column_when_text_is_invalid(String text, String part,
            int column, String problem) {
        assertThatThrownBy(() -> Trigger.parse(text))
                .isInstanceOfSatisfying(TriggerFormatException.class, e -> {
                    assertThat(e.field()).isEqualTo(part);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.getMessage()).contains(problem).contains("(column " + column + ")")
                            .contains("\"" + text + "\"");
                });
    }

    @Test
    void every_should_accept_until_equal_to_from_when_it_fires_once() {
        Trigger trigger = Trigger.parse("every 1h from 2026-01-01T00:00Z until 2026-01-01T00:00Z");
        assertThat(trigger.nextFiresAfter(Instant.parse("2025-01-01T00:00:00Z"), ZoneId.of("UTC"),
                Instant.parse("2025-01-01T00:00:00Z"), 5)).containsExactly(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void every_should_accept_local_until_and_offset_from_when_order_depends_on_the_zone() {
        // 00:30 local is after 00:00Z in New York but before it in Tokyo: only the zone can decide.
        Trigger trigger = Trigger.parse("every 1h from 2026-01-01T00:00Z until 2026-01-01T00:30");
        Instant before = Instant.parse("2025-12-31T00:00:00Z");
        assertThat(trigger.nextFireAfter(before, ZoneId.of("America/New_York"), before)).isPresent();
        assertThat(trigger.nextFireAfter(before, ZoneId.of("Asia/Tokyo"), before)).isEmpty();
    }
}
