package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OffsetClockTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void offset_clock_should_count_as_measured_only_after_a_synchronization() {
        OffsetClock clock = new OffsetClock(Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(clock.measured()).isFalse();

        clock.synchronize(T0, T0.plusMillis(250), T0.plusMillis(100));

        assertThat(clock.measured()).isTrue();
        assertThat(clock.offset()).isEqualTo(Duration.ofMillis(200));
        assertThat(clock.instant()).isEqualTo(T0.plusMillis(200));
    }
}
