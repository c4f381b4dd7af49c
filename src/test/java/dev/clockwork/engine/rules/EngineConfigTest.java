package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

    private static final ZoneId SERVER = ZoneId.of("Europe/Paris");

    @Test
    void config_should_take_defaults_when_nothing_is_set() {
        EngineConfig config = EngineConfig.from(Map.<String, String>of()::get, SERVER);

        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.workers()).isEqualTo(16);
        assertThat(config.defaultZone()).isEqualTo(SERVER);
        assertThat(config.nodeRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.historyKeep()).isEqualTo(Duration.ofDays(30));
        assertThat(config.historyKeepLast()).isEqualTo(10);
    }

    @Test
    void config_should_read_the_shutdown_grace_and_the_history_retention() {
        EngineConfig config = EngineConfig.from(Map.of("clockwork.shutdown-grace", "PT5S",
                "clockwork.history.keep", "P7D", "clockwork.history.keep-last", "3")::get, SERVER);

        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.historyKeep()).isEqualTo(Duration.ofDays(7));
        assertThat(config.historyKeepLast()).isEqualTo(3);
        assertThatThrownBy(() -> EngineConfig.from(Map.of("clockwork.shutdown-grace", "PT1H")::get, SERVER))
                .hasMessageContaining("clockwork.shutdown-grace").hasMessageContaining("PT30S");
        assertThatThrownBy(() -> EngineConfig.from(Map.of("clockwork.history.keep", "PT1M")::get, SERVER))
                .hasMessageContaining("clockwork.history.keep").hasMessageContaining("P30D");
        assertThatThrownBy(() -> EngineConfig.from(Map.of("clockwork.history.keep-last", "-1")::get, SERVER))
                .hasMessageContaining("clockwork.history.keep-last");
    }

    @Test
    void config_should_read_each_setting() {
        EngineConfig config = EngineConfig.from(Map.of("clockwork.poll-interval", "PT0.5S", "clockwork.workers", "4",
                "clockwork.default-zone", "UTC")::get, SERVER);

        assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.workers()).isEqualTo(4);
        assertThat(config.defaultZone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void no_workers_should_make_a_console_node_that_claims_no_work() {
        assertThat(EngineConfig.from(Map.of("clockwork.workers", "0")::get, SERVER).claimsWork()).isFalse();
        assertThat(EngineConfig.from(Map.of("clockwork.workers", "1")::get, SERVER).claimsWork()).isTrue();
    }

    @Test
    void config_should_name_the_key_and_a_valid_value_when_a_setting_is_bad() {
        assertThatThrownBy(() -> EngineConfig.from(Map.of("clockwork.poll-interval", "1s")::get, SERVER))
                .hasMessageContaining("clockwork.poll-interval").hasMessageContaining("PT1S");
        assertThatThrownBy(() -> EngineConfig.from(Map.of("clockwork.workers", "many")::get, SERVER))
                .hasMessageContaining("clockwork.workers").hasMessageContaining("many");
        assertThatThrownBy(() -> EngineConfig.from(Map.of("clockwork.workers", "-1")::get, SERVER))
                .hasMessageContaining("0-1000").hasMessageContaining("console");
        assertThatThrownBy(() -> EngineConfig.from(Map.of("clockwork.default-zone", "Moon/Base")::get, SERVER))
                .hasMessageContaining("IANA");
        assertThatThrownBy(() -> EngineConfig.from(Map.of("clockwork.node-retention", "PT10M")::get, SERVER))
                .hasMessageContaining("clockwork.node-retention").hasMessageContaining("PT1H");
    }

    @Test
    void max_timeout_and_max_catch_up_should_be_optional_and_checked() {
        EngineConfig none = EngineConfig.from(Map.<String, String>of()::get, SERVER);
        EngineConfig set = EngineConfig.from(Map.of("clockwork.max-timeout", "PT1H", "clockwork.max-catch-up", "5")::get,
                SERVER);

        assertThat(none.maxTimeout()).isEmpty();
        assertThat(none.maxCatchUp()).isEqualTo(100);
        assertThat(set.maxTimeout()).contains(Duration.ofHours(1));
        assertThat(set.maxCatchUp()).isEqualTo(5);
        assertThatThrownBy(() -> EngineConfig.from(Map.of("clockwork.max-timeout", "PT0S")::get, SERVER))
                .hasMessageContaining("clockwork.max-timeout");
        assertThatThrownBy(() -> EngineConfig.from(Map.of("clockwork.max-catch-up", "0")::get, SERVER))
                .hasMessageContaining("clockwork.max-catch-up must be 1-10000");
    }

    @Test
    void sweep_should_run_every_poll_or_every_heartbeat_when_that_is_shorter() {
        assertThat(EngineConfig.defaults(SERVER).sweepInterval()).isEqualTo(Duration.ofSeconds(1));
        EngineConfig fast = EngineConfig.from(Map.of("clockwork.heartbeat-interval", "PT0.5S",
                "clockwork.dead-after", "PT1.5S")::get, SERVER);

        assertThat(fast.sweepInterval()).isEqualTo(Duration.ofMillis(500));
    }
}
