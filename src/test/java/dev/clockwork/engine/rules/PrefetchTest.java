package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrefetchTest {

    @Test
    void long_runs_should_claim_no_more_ahead_than_the_configured_floor() {
        assertThat(Prefetch.depth(16, 4, Duration.ofMinutes(10))).isEqualTo(4);
        assertThat(Prefetch.depth(16, 4, Duration.ofMillis(50))).isEqualTo(16);
        assertThat(Prefetch.depth(16, 0, Duration.ofSeconds(1))).isZero();
    }

    @Test
    void short_runs_should_claim_what_the_workers_finish_within_the_queue_wait() {
        assertThat(Prefetch.depth(16, 4, Duration.ofMillis(10))).isEqualTo(16 * 5);
        assertThat(Prefetch.depth(4, 4, Duration.ofMillis(25))).isEqualTo(8);
    }

    @Test
    void very_short_runs_should_claim_at_most_the_per_worker_cap() {
        assertThat(Prefetch.depth(8, 4, Duration.ofNanos(50_000))).isEqualTo(8 * Prefetch.PER_WORKER);
        assertThat(Prefetch.depth(8, 4, Duration.ZERO)).isEqualTo(8 * Prefetch.PER_WORKER);
        assertThat(Prefetch.depth(4, 4, Duration.ZERO)).isEqualTo(4 * Prefetch.PER_WORKER);
    }

    @Test
    void many_workers_should_claim_at_most_the_overall_cap_ahead() {
        assertThat(Prefetch.depth(1000, 4, Duration.ZERO)).isEqualTo(Prefetch.MOST_AHEAD);
        assertThat(Prefetch.depth(16, 4, Duration.ZERO)).as("the default 16 workers").isEqualTo(Prefetch.MOST_AHEAD);
        assertThat(Prefetch.startingWithinWait(1000, Duration.ofNanos(1))).isEqualTo(Prefetch.MOST_AHEAD);
        assertThat(Prefetch.depth(1000, 1000, Duration.ZERO)).isEqualTo(1000);
    }

    @Test
    void a_floor_above_the_cap_should_win() {
        assertThat(Prefetch.depth(2, 200, Duration.ZERO)).isEqualTo(200);
    }

    @Test
    void room_should_be_the_workers_and_the_prefetch_less_the_fires_held() {
        assertThat(Prefetch.room(16, 512, 0, 0, 200)).isEqualTo(528);
        assertThat(Prefetch.room(16, 512, 100, 0, 200)).isEqualTo(428);
        assertThat(Prefetch.room(16, 4, 30, 0, 200)).isZero();
    }

    @Test
    void outcomes_waiting_beyond_what_the_recorders_take_at_once_should_hold_claims_back() {
        assertThat(Prefetch.room(16, 512, 0, 200, 200)).isEqualTo(528);
        assertThat(Prefetch.room(16, 512, 0, 450, 200)).isEqualTo(278);
        assertThat(Prefetch.room(16, 512, 100, 450, 200)).isEqualTo(178);
        assertThat(Prefetch.room(16, 512, 0, 5_000, 200)).isZero();
    }

    @Test
    void fires_started_within_the_wait_should_not_count_the_floor() {
        assertThat(Prefetch.startingWithinWait(16, Duration.ofSeconds(1))).isZero();
        assertThat(Prefetch.startingWithinWait(16, Duration.ofMillis(10))).isEqualTo(16 * 5);
        assertThat(Prefetch.startingWithinWait(8, Duration.ZERO)).isEqualTo(8 * Prefetch.PER_WORKER);
    }
}
