package dev.clockwork.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InTriggerTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource({
        "in 90s, 2026-01-01T00:00:00Z, 2026-01-01T00:01:30Z",
        "in 2, 2026-01-01T00:00:00Z, 2026-01-01T00:02:00Z",
        "in 1.5h, 2026-01-01T00:00:00Z, 2026-01-01T01:30:00Z",
        "in 13d11h29m29.5s500ms, 2026-01-01T00:00:00Z, 2026-01-14T11:29:30Z",
        "in PT10M, 2026-01-01T00:00:00.123Z, 2026-01-01T00:10:00.123Z",
        // Elapsed time: across the Paris spring-forward night, 2 hours are 2 real hours.
        "in 2h, 2026-03-29T00:30:00Z, 2026-03-29T02:30:00Z",
    })
    void in_should_fire_once_after_the_delay_when_counted_from_the_anchor(String text, String anchor,
            String expected) {
        Trigger trigger = Trigger.parse(text);
        Instant after = Instant.parse(anchor);
        Optional<Instant> next = trigger.nextFireAfter(after, PARIS, after);
        assertThat(next).contains(Instant.parse(expected));
        assertThat(next.get()).isAfter(after);
        assertThat(trigger.nextFireAfter(next.get(), PARIS, after)).isEmpty();
    }

    @Test
    void in_should_fire_when_asked_after_creation_but_before_the_delay_ends() {
        Instant anchor = Instant.parse("2026-01-01T00:00:00Z");
        Instant after = Instant.parse("2026-01-01T00:01:29.999Z");
        assertThat(Trigger.parse("in 90s").nextFireAfter(after, PARIS, anchor))
                .contains(Instant.parse("2026-01-01T00:01:30Z"));
    }

    @Test
    void in_should_not_fire_when_anchor_is_at_the_end_of_time() {
        assertThat(Trigger.parse("in 1d").nextFireAfter(Instant.MIN, PARIS, Instant.MAX)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "in 1.5h, in 1h30m",
        "IN 90s, in 1m30s",
        "in 2, in 2m",
        "in 13d11h29m29.5s500ms, in 13d11h29m30s",
        "in PT10M, in 10m",
        "in 14d, in 2w",
    })
    void in_should_print_canonical_text_when_parsed(String text, String canonical) {
        Trigger trigger = Trigger.parse(text);
        assertThat(trigger).hasToString(canonical).isEqualTo(Trigger.parse(canonical));
        assertThat(trigger.hashCode()).isEqualTo(Trigger.parse(canonical).hashCode());
    }

    @Test
    void describe_should_say_delay_after_creation_when_in_is_described() {
        assertThat(Trigger.parse("in 1.5h").describe(PARIS)).isEqualTo("once, 1 hour 30 minutes after creation");
    }

    @Test
    void in_should_reject_with_column_when_delay_is_split_by_a_space() {
        assertThatThrownBy(() -> Trigger.parse("in 1h 30m"))
                .isInstanceOfSatisfying(TriggerFormatException.class, e -> {
                    assertThat(e.column()).isEqualTo(7);
                    assertThat(e.getMessage()).contains("unexpected '30m'").contains("in 1h30m");
                });
    }

    @Test
    void in_should_reject_without_arithmetic_exception_when_delay_is_absurd() {
        assertThatThrownBy(() -> Trigger.parse("in 99999999999999999999d"))
                .isInstanceOf(TriggerFormatException.class)
                .hasMessageContaining("longer than the limit of 10000 years");
    }
}
