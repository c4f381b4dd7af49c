package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsAccessTest {

    @Test
    void metrics_should_need_a_viewer_when_nothing_is_set() {
        assertThat(MetricsAccess.from(Map.<String, String>of()::get)).isEqualTo(MetricsAccess.VIEWERS);
    }

    @Test
    void metrics_should_be_public_only_when_the_setting_is_true() {
        assertThat(MetricsAccess.from(Map.of("clockwork.metrics.public", "TRUE")::get)).isEqualTo(MetricsAccess.PUBLIC);
        assertThat(MetricsAccess.from(Map.of("clockwork.metrics.public", "false")::get))
                .isEqualTo(MetricsAccess.VIEWERS);
    }

    @Test
    void metrics_access_should_name_the_key_and_the_valid_values_when_the_setting_is_bad() {
        assertThatThrownBy(() -> MetricsAccess.from(Map.of("clockwork.metrics.public", "yes")::get))
                .hasMessageContaining("clockwork.metrics.public").hasMessageContaining("true or false")
                .hasMessageContaining("yes");
    }
}
