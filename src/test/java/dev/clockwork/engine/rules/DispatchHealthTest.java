package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DispatchHealthTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration POLL = Duration.ofSeconds(1);

    @Test
    void dispatcher_should_be_up_when_a_round_completed_within_the_last_polls() {
        DispatchHealth health = DispatchHealth.judge(NOW, Optional.of(NOW.minusSeconds(2)), 2,
                Optional.of("blip"), POLL);

        assertThat(health.up()).isTrue();
        assertThat(health.problem()).isEmpty();
    }

    @Test
    void dispatcher_should_be_down_when_three_rounds_in_a_row_failed() {
        DispatchHealth health = DispatchHealth.judge(NOW, Optional.of(NOW.minusSeconds(1)), 3,
                Optional.of("java.lang.ArithmeticException: long overflow"), POLL);

        assertThat(health.up()).isFalse();
        assertThat(health.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("last 3 dispatch rounds failed", "ArithmeticException: long overflow"));
    }

    @Test
    void dispatcher_should_be_down_when_no_round_completed_for_ten_seconds_at_one_second_polls() {
        assertThat(DispatchHealth.judge(NOW, Optional.of(NOW.minusSeconds(10)), 0, Optional.empty(), POLL).up())
                .isTrue();
        DispatchHealth silent = DispatchHealth.judge(NOW, Optional.of(NOW.minusMillis(10_001)), 0, Optional.empty(),
                POLL);

        assertThat(silent.up()).isFalse();
        assertThat(silent.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("no dispatch round completed for 10001 ms"));
    }

    @Test
    void dispatcher_should_allow_five_polls_of_silence_when_polls_are_long() {
        Duration poll = Duration.ofSeconds(5);

        assertThat(DispatchHealth.judge(NOW, Optional.of(NOW.minusSeconds(25)), 0, Optional.empty(), poll).up())
                .isTrue();
        assertThat(DispatchHealth.judge(NOW, Optional.of(NOW.minusSeconds(26)), 0, Optional.empty(), poll).up())
                .isFalse();
    }

    @Test
    void dispatcher_should_be_down_before_it_started() {
        DispatchHealth health = DispatchHealth.judge(NOW, Optional.empty(), 0, Optional.empty(), POLL);

        assertThat(health.up()).isFalse();
        assertThat(health.problem()).contains("the dispatcher has not started");
    }
}
