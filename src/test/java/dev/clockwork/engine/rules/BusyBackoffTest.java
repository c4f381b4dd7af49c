package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BusyBackoffTest {

    @Test
    void an_idle_node_should_claim_at_the_due_time() {
        assertThat(BusyBackoff.of(0, 16)).isZero();
    }

    @Test
    void a_node_should_wait_longer_the_more_of_its_workers_are_busy() {
        assertThat(BusyBackoff.of(4, 16)).isEqualTo(Duration.ofNanos(2_500_000));
        assertThat(BusyBackoff.of(8, 16)).isEqualTo(Duration.ofMillis(5));
        assertThat(BusyBackoff.of(16, 16)).isEqualTo(BusyBackoff.MOST);
    }

    @Test
    void a_busier_node_should_claim_after_a_less_busy_one() {
        assertThat(BusyBackoff.of(3, 16)).isGreaterThan(BusyBackoff.of(2, 16));
        assertThat(BusyBackoff.of(1, 1)).isGreaterThan(BusyBackoff.of(15, 16));
    }

    @Test
    void the_wait_should_stay_within_zero_and_the_most() {
        assertThat(BusyBackoff.of(20, 16)).isEqualTo(BusyBackoff.MOST);
        assertThat(BusyBackoff.of(-1, 16)).isZero();
    }

    @Test
    void a_node_without_workers_should_be_refused() {
        assertThatThrownBy(() -> BusyBackoff.of(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one worker");
    }
}
