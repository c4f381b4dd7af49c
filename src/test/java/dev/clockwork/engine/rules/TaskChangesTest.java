package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.TaskState;
import dev.clockwork.store.TaskRow;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskChangesTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private final TaskRow task = TaskRow.builder("report").trigger("every 1h").zone("UTC").action("noop")
            .args(Optional.of("{\"token\":\"s3cret\"}")).priority(0).state(TaskState.ACTIVE).anchorAt(T0)
            .nextFireAt(Optional.of(T0)).created(T0, "alice").build();

    @Test
    void between_should_list_each_changed_field_before_and_after_but_never_the_args() {
        TaskRow changed = task.withDefinition("every 2h", "Europe/Paris", "log", Optional.of("{\"token\":\"other\"}"),
                0, Optional.of("daily"), T0).withSchedule(TaskState.PAUSED, Optional.empty());

        String summary = TaskChanges.between(task, changed);

        assertThat(summary).isEqualTo("state ACTIVE → PAUSED; trigger every 1h → every 2h; zone UTC → Europe/Paris;"
                + " action noop → log; description (none) → daily; args changed");
        assertThat(summary).doesNotContain("s3cret").doesNotContain("other");
        assertThat(TaskChanges.between(task, task)).isEqualTo("no change");
    }

    @Test
    void created_should_say_what_the_task_is_without_its_args() {
        assertThat(TaskChanges.created(task)).isEqualTo("trigger every 1h, zone UTC, action noop, priority 0,"
                + " with args");
    }

    @Test
    void long_values_should_be_cut() {
        TaskRow changed = task.withDefinition("every 1h", "UTC", "noop", task.args(), 0,
                Optional.of("d".repeat(500)), T0);

        assertThat(TaskChanges.between(task, changed)).hasSizeLessThan(120).endsWith("…");
    }
}
