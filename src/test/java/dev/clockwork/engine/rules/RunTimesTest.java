package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunTimesTest {

    /** A ticker the test moves by hand. */
    private long now = 1_000_000_000L;
    private final RunTimes runTimes = new RunTimes(() -> now);

    private void advance(Duration by) {
        now += by.toNanos();
    }

    @Test
    void estimate_should_be_one_second_before_any_run_ended() {
        assertThat(runTimes.estimate()).isEqualTo(Duration.ofSeconds(1));
        assertThat(runTimes.mean()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void ended_should_return_the_run_time_and_move_the_mean_by_a_sixteenth_of_the_difference() {
        runTimes.started(1);
        advance(Duration.ofMillis(200));

        long took = runTimes.ended(1);

        assertThat(took).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(runTimes.mean()).isEqualTo(Duration.ofMillis(1000 - 800 / 16));
    }

    @Test
    void mean_should_approach_short_run_times_after_many_runs() {
        for (long id = 0; id < 200; id++) {
            runTimes.started(id);
            advance(Duration.ofMillis(2));
            runTimes.ended(id);
        }

        assertThat(runTimes.estimate()).isBetween(Duration.ofMillis(2), Duration.ofMillis(3));
    }

    @Test
    void estimate_should_be_the_age_of_the_oldest_run_in_progress_when_that_is_longer_than_the_mean() {
        for (long id = 0; id < 200; id++) {
            runTimes.started(id);
            runTimes.ended(id);
        }
        runTimes.started(500);
        advance(Duration.ofSeconds(30));
        runTimes.started(501);
        advance(Duration.ofSeconds(5));

        assertThat(runTimes.estimate()).isEqualTo(Duration.ofSeconds(35));
        assertThat(runTimes.mean()).isLessThan(Duration.ofMillis(1));
    }

    @Test
    void ended_should_refuse_a_run_that_never_started() {
        assertThatThrownBy(() -> runTimes.ended(42)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("42");
    }
}
