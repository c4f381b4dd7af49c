package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicaLagTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private final ReplicaLag lag = new ReplicaLag();

    @Test
    void lag_should_be_zero_when_the_replica_shows_the_newest_heartbeat_however_old() {
        lag.wrote(T0);
        lag.wrote(T0.plusSeconds(2));
        assertThat(lag.lag(Optional.of(T0.plusSeconds(2)), T0.plusSeconds(30))).isZero();
    }

    @Test
    void lag_should_be_the_age_of_the_oldest_heartbeat_the_replica_misses() {
        lag.wrote(T0);
        lag.wrote(T0.plusSeconds(2));
        lag.wrote(T0.plusSeconds(4));
        assertThat(lag.lag(Optional.of(T0), T0.plusMillis(4010))).isEqualTo(Duration.ofMillis(2010));
        assertThat(lag.lag(Optional.of(T0.plusSeconds(2)), T0.plusMillis(4010))).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void lag_should_count_from_the_first_heartbeat_when_the_replica_has_no_row_of_the_node() {
        lag.wrote(T0);
        lag.wrote(T0.plusSeconds(2));
        assertThat(lag.lag(Optional.empty(), T0.plusSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void lag_should_compare_heartbeats_to_the_microsecond_as_they_are_stored() {
        lag.wrote(T0.plusNanos(1_234_567));
        assertThat(lag.lag(Optional.of(T0.plusNanos(1_234_000)), T0.plusSeconds(1))).isZero();
    }

    @Test
    void lag_should_be_at_least_the_age_of_the_oldest_remembered_heartbeat_when_the_replica_is_further_behind() {
        for (int i = 0; i < ReplicaLag.REMEMBERED + 10; i++) {
            lag.wrote(T0.plusSeconds(2L * i));
        }
        Instant now = T0.plusSeconds(2L * (ReplicaLag.REMEMBERED + 10));
        assertThat(lag.lag(Optional.of(T0), now)).isEqualTo(Duration.ofSeconds(2L * ReplicaLag.REMEMBERED));
    }

    @Test
    void lag_should_be_zero_with_nothing_written_yet() {
        assertThat(lag.lag(Optional.empty(), T0)).isZero();
    }
}
