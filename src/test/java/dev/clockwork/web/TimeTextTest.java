package dev.clockwork.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
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
        time.language = () -> Locale.ENGLISH;

        assertThat(time.ago(Duration.ofSeconds(3))).isEqualTo("3 s ago");
        assertThat(time.ago(Duration.ofMinutes(90))).isEqualTo("1 h 30 min ago");
        assertThat(time.ago(Duration.ofMillis(-20))).isEqualTo("0 s ago");
        assertThat(time.ago(Duration.ofDays(3))).isEqualTo("3 days ago");
    }

    @Test
    void ago_should_be_in_the_pages_language() {
        TimeText time = new TimeText();
        time.language = () -> Locale.FRENCH;

        assertThat(time.ago(Duration.ofSeconds(3))).isEqualTo("il y a 3 s");
        assertThat(time.ago(Duration.ofDays(3))).isEqualTo("il y a 3 jours");
    }
}
