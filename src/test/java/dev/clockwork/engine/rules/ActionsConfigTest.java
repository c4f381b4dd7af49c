package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionsConfigTest {

    @Test
    void both_actions_should_be_closed_when_nothing_is_set() {
        ActionsConfig closed = ActionsConfig.from(Map.<String, String>of()::get);

        assertThat(closed.shellEnabled()).isFalse();
        assertThat(closed.shellAllow()).isEmpty();
        assertThat(closed.httpAllows("example.com")).isFalse();
    }

    @Test
    void settings_should_be_read_as_comma_separated_lists() {
        ActionsConfig config = ActionsConfig.from(Map.of("clockwork.shell.enabled", "true",
                "clockwork.shell.allow", " /usr/bin/pg_dump , /opt/report.sh,,",
                "clockwork.http.allow", "Billing.Example.com,*.internal.example.org")::get);

        assertThat(config.shellEnabled()).isTrue();
        assertThat(config.shellAllow()).containsExactlyInAnyOrder("/usr/bin/pg_dump", "/opt/report.sh");
        assertThat(config.httpAllows("billing.example.com")).isTrue();
        assertThat(config.httpAllows("a.b.internal.example.org")).isTrue();
        assertThat(config.httpAllows("internal.example.org")).isFalse();
        assertThat(config.httpAllows("evilinternal.example.org")).isFalse();
        assertThat(config.httpAllows("billing.example.com.evil.org")).isFalse();
        assertThatThrownBy(() -> ActionsConfig.from(Map.of("clockwork.shell.enabled", "yes")::get))
                .hasMessageContaining("clockwork.shell.enabled");
    }
}
