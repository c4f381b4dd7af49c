package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.SchedulerException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TriggerPreviewTest {

    private static final Instant FROM = Instant.parse("2026-03-27T12:00:00Z");

    @Test
    void preview_should_list_fires_across_a_dst_change_in_the_tasks_zone() {
        TriggerPreview preview = TriggerPreview.of("CRON 0 30 2 * * *", "", "Europe/Paris", FROM, 3);

        assertThat(preview.trigger()).isEqualTo("cron 30 2 * * *");
        assertThat(preview.description()).isNotBlank();
        assertThat(preview.zone().getId()).isEqualTo("Europe/Paris");
        // 02:30 does not exist on 2026-03-29 in Paris: it fires right after the jump, at 03:00 CEST (01:00Z).
        assertThat(preview.next()).containsExactly(Instant.parse("2026-03-28T01:30:00Z"),
                Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void preview_should_stop_at_the_last_fire_of_a_one_shot_trigger() {
        assertThat(TriggerPreview.of("in 90s", "", "UTC", FROM, 5).next())
                .containsExactly(FROM.plusSeconds(90));
    }

    @Test
    void preview_should_name_the_field_when_the_trigger_zone_or_count_is_wrong() {
        assertThatThrownBy(() -> TriggerPreview.of("cron 0 0 25 * * *", "", "UTC", FROM, 5))
                .isInstanceOfSatisfying(SchedulerException.class, e -> {
                    assertThat(e.field()).hasValue("trigger");
                    assertThat(e.getMessage()).contains("hour", "25", "column");
                });
        assertThatThrownBy(() -> TriggerPreview.of("every 1h", "", "Mars/Olympus", FROM, 5))
                .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.field()).hasValue("zone"));
        assertThatThrownBy(() -> TriggerPreview.of("every 1h", "", "UTC", FROM, 101))
                .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.field()).hasValue("count"));
        assertThatThrownBy(() -> TriggerPreview.of("at 2300-01-01T00:00", "", "UTC", FROM, 5))
                .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.field()).hasValue("trigger"));
    }
}
