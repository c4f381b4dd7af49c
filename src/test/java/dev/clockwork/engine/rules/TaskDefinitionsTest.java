package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskSpec;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskDefinitionsTest {

    private static final ZoneId DEFAULT = ZoneId.of("Europe/Paris");

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/name", "ünïcode", "semi;colon"})
    void check_should_reject_a_bad_name_naming_the_field(String name) {
        TaskSpec spec = TaskSpec.builder(name).trigger("every 5m").action("noop").build();

        assertThatThrownBy(() -> TaskDefinitions.check(spec, DEFAULT))
                .isInstanceOf(SchedulerException.class)
                .satisfies(e -> assertThat(((SchedulerException) e).field()).contains("name"))
                .hasMessageContaining("letters, digits");
    }

    @Test
    void check_should_reject_a_name_longer_than_200_characters() {
        TaskSpec spec = TaskSpec.builder("a".repeat(201)).trigger("every 5m").action("noop").build();

        assertThatThrownBy(() -> TaskDefinitions.check(spec, DEFAULT)).isInstanceOf(SchedulerException.class);
    }

    @Test
    void check_should_reject_an_unknown_zone_with_examples() {
        TaskSpec spec = TaskSpec.builder("t").trigger("every 5m").action("noop").zone("Europe/Atlantis").build();

        assertThatThrownBy(() -> TaskDefinitions.check(spec, DEFAULT))
                .isInstanceOf(SchedulerException.class)
                .satisfies(e -> assertThat(((SchedulerException) e).field()).contains("zone"))
                .hasMessageContaining("Europe/Atlantis").hasMessageContaining("IANA");
    }

    @Test
    void check_should_reject_an_empty_trigger_with_examples() {
        TaskSpec spec = TaskSpec.builder("t").trigger("  ").action("noop").build();

        assertThatThrownBy(() -> TaskDefinitions.check(spec, DEFAULT))
                .isInstanceOf(SchedulerException.class)
                .satisfies(e -> assertThat(((SchedulerException) e).field()).contains("trigger"))
                .hasMessageContaining("every 15m");
    }

    @Test
    void builder_should_require_trigger_and_action() {
        assertThatThrownBy(() -> TaskSpec.builder("t").action("noop").build())
                .isInstanceOf(SchedulerException.class).hasMessageContaining("needs a trigger");
        assertThatThrownBy(() -> TaskSpec.builder("t").trigger("every 1m").build())
                .isInstanceOf(SchedulerException.class).hasMessageContaining("needs an action");
    }
}
