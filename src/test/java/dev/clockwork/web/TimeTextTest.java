package dev.clockwork.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeTextTest {

    @Test
    void with_offset_should_show_the_utc_offset_change_across_a_dst_jump() {
        ZoneId paris = ZoneId.of("Europe/Paris");

        assertThat(TimeText.withOffset(Instant.parse("2026-03-28T01:30:00Z"), paris))
                .isEqualTo("2026-03-28 02:30:00 +01:00 Sat");
        assertThat(TimeText.withOffset(Instant.parse("2026-03-29T01:00:00Z"), paris))
                .isEqualTo("2026-03-29 03:00:00 +02:00 Sun");
    }

    @Test
    void ago_should_say_how_old_something_is_and_never_be_negative() {
        TimeText time = new TimeText();

        assertThat(time.ago(Duration.ofSeconds(3))).isEqualTo("3 s ago");
        assertThat(time.ago(Duration.ofMinutes(90))).isEqualTo("1 h 30 min ago");
        assertThat(time.ago(Duration.ofMillis(-20))).isEqualTo("0 s ago");
    }
}
