package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.SettableClock;
import dev.clockwork.engine.rules.ReplicaGuard.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaGuardTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final ReplicaGuard guard = new ReplicaGuard(ReadConfig.defaults(), clock);

    @Test
    void guard_should_keep_reads_on_the_primary_before_the_first_measurement() {
        assertThat(guard.status().state()).isEqualTo(State.DOWN);
        assertThat(guard.status().lag()).isEmpty();
        assertThat(guard.replicaAllowed("olga")).isFalse();
    }

    @Test
    void guard_should_let_reads_go_to_the_replica_when_its_lag_is_within_max_lag() {
        measure(Duration.ofMillis(5), Duration.ofSeconds(5));
        assertThat(guard.status().state()).isEqualTo(State.IN_USE);
        assertThat(guard.status().lag()).contains(Duration.ofSeconds(5));
        assertThat(guard.replicaAllowed("olga")).isTrue();
    }

    @Test
    void guard_should_send_reads_to_the_primary_while_lag_is_over_max_lag_and_back_once_caught_up() {
        measure(Duration.ofMillis(5), Duration.ofMillis(5001));
        assertThat(guard.status().state()).isEqualTo(State.LAGGING);
        assertThat(guard.status().detail()).contains("5001 ms behind", "clockwork.read.max-lag");
        assertThat(guard.replicaAllowed("olga")).isFalse();
        measure(Duration.ofMillis(5), Duration.ofMillis(20));
        assertThat(guard.replicaAllowed("olga")).isTrue();
    }

    @Test
    void guard_should_keep_a_user_on_the_primary_for_the_sticky_window_after_their_change() {
        measure(Duration.ofMillis(5), Duration.ZERO);
        guard.changed("olga");
        clock.advance(Duration.ofMillis(4999));
        assertThat(guard.replicaAllowed("olga")).isFalse();
        assertThat(guard.replicaAllowed("ivan")).as("another user").isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(guard.replicaAllowed("olga")).isTrue();
    }

    @Test
    void guard_should_go_down_when_a_measurement_fails_and_come_back_when_one_succeeds() {
        measure(Duration.ofMillis(5), Duration.ZERO);
        Instant started = guard.startMeasuring().orElseThrow();
        guard.failed(started, "Connection refused");
        assertThat(guard.status().state()).isEqualTo(State.DOWN);
        assertThat(guard.status().detail()).contains("Connection refused");
        assertThat(guard.status().lag()).as("the last measured lag").contains(Duration.ZERO);
        measure(Duration.ofMillis(5), Duration.ofMillis(3));
        assertThat(guard.status().state()).isEqualTo(State.IN_USE);
    }

    @Test
    void guard_should_go_down_at_once_when_a_read_fails_on_the_replica() {
        measure(Duration.ofMillis(5), Duration.ZERO);
        guard.readFailed("Connection refused");
        assertThat(guard.replicaAllowed("olga")).isFalse();
    }

    @Test
    void guard_should_go_down_while_a_measurement_takes_longer_than_the_timeout() {
        measure(Duration.ofMillis(5), Duration.ZERO);
        Instant started = guard.startMeasuring().orElseThrow();
        clock.advance(Duration.ofSeconds(2));
        assertThat(guard.replicaAllowed("olga")).as("at the timeout").isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(guard.status().state()).isEqualTo(State.DOWN);
        assertThat(guard.status().detail()).contains("not answered for 2001 ms", "clockwork.read.timeout");
        assertThat(guard.replicaAllowed("olga")).isFalse();
        guard.measured(started, Duration.ZERO);
        assertThat(guard.status().state()).as("an answer later than the timeout").isEqualTo(State.DOWN);
        measure(Duration.ofMillis(5), Duration.ZERO);
        assertThat(guard.status().state()).isEqualTo(State.IN_USE);
    }

    @Test
    void guard_should_run_one_measurement_at_a_time_unless_one_is_stuck() {
        Instant first = guard.startMeasuring().orElseThrow();
        assertThat(guard.startMeasuring()).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        Instant second = guard.startMeasuring().orElseThrow();
        guard.measured(first, Duration.ZERO);
        assertThat(guard.startMeasuring()).as("the stuck one's late answer leaves the new one in flight").isEmpty();
        guard.measured(second, Duration.ZERO);
        assertThat(guard.startMeasuring()).isPresent();
    }

    @Test
    void config_should_read_defaults_and_name_the_key_of_a_bad_value() {
        assertThat(ReadConfig.defaults()).isEqualTo(new ReadConfig(Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(5)));
        assertThat(ReadConfig.from(Map.of("clockwork.read.sticky", "PT0S")::get).sticky()).isZero();
        assertThatThrownBy(() -> ReadConfig.from(Map.of("clockwork.read.max-lag", "PT0S")::get))
                .hasMessageContaining("clockwork.read.max-lag must be a positive duration");
        assertThatThrownBy(() -> ReadConfig.from(Map.of("clockwork.read.timeout", "2s")::get))
                .hasMessageContaining("clockwork.read.timeout must be an ISO-8601 duration");
        assertThatThrownBy(() -> ReadConfig.from(Map.of("clockwork.read.sticky", "-PT1S")::get))
                .hasMessageContaining("clockwork.read.sticky must be PT0S or more");
    }

    private void measure(Duration took, Duration lag) {
        Instant started = guard.startMeasuring().orElseThrow();
        clock.advance(took);
        guard.measured(started, lag);
    }
}
