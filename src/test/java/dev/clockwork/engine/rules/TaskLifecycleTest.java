package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskState;
import dev.clockwork.engine.rules.TaskLifecycle.Command;
import dev.clockwork.engine.rules.TaskLifecycle.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TaskLifecycleTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(textBlock = """
            ACTIVE,    PAUSE,   APPLY
            ACTIVE,    RESUME,  UNCHANGED
            ACTIVE,    CANCEL,  APPLY
            ACTIVE,    RUN_NOW, APPLY
            ACTIVE,    UPDATE,  APPLY
            PAUSED,    PAUSE,   UNCHANGED
            PAUSED,    RESUME,  APPLY
            PAUSED,    CANCEL,  APPLY
            PAUSED,    RUN_NOW, APPLY
            PAUSED,    UPDATE,  APPLY
            ERROR,     PAUSE,   REFUSED
            ERROR,     RESUME,  APPLY
            ERROR,     CANCEL,  APPLY
            ERROR,     RUN_NOW, APPLY
            ERROR,     UPDATE,  APPLY
            DONE,      PAUSE,   REFUSED
            DONE,      RESUME,  REFUSED
            DONE,      CANCEL,  REFUSED
            DONE,      RUN_NOW, APPLY
            DONE,      UPDATE,  APPLY
            CANCELLED, PAUSE,   REFUSED
            CANCELLED, RESUME,  REFUSED
            CANCELLED, CANCEL,  UNCHANGED
            CANCELLED, RUN_NOW, REFUSED
            CANCELLED, UPDATE,  APPLY
            """)
    void command_should_have_the_outcome_of_the_table(TaskState state, Command command, Outcome outcome) {
        assertThat(TaskLifecycle.decide(state, command)).isEqualTo(outcome);
    }

    @Test
    void every_state_and_command_should_have_an_outcome() {
        for (TaskState state : TaskState.values()) {
            for (Command command : Command.values()) {
                assertThat(TaskLifecycle.decide(state, command)).as(state + " " + command).isNotNull();
            }
        }
    }

    @Test
    void check_should_refuse_cancelling_a_done_task_naming_the_states_that_allow_it() {
        assertThatThrownBy(() -> TaskLifecycle.check("report", TaskState.DONE, Command.CANCEL))
                .isInstanceOfSatisfying(SchedulerException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SchedulerException.Reason.CONFLICT);
                    assertThat(e.field()).contains("state");
                    assertThat(e.getMessage()).isEqualTo("Task \"report\" is DONE and cannot be cancelled; only a"
                            + " task that is ACTIVE, PAUSED or ERROR can.");
                });
    }

    @Test
    void check_should_say_whether_to_apply_or_leave_the_task_as_it_is() {
        assertThat(TaskLifecycle.check("t", TaskState.ACTIVE, Command.PAUSE)).isTrue();
        assertThat(TaskLifecycle.check("t", TaskState.PAUSED, Command.PAUSE)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TaskState.class)
    void update_should_schedule_the_task_again_unless_it_is_paused_or_cancelled(TaskState state) {
        TaskState expected = state == TaskState.PAUSED || state == TaskState.CANCELLED ? state : TaskState.ACTIVE;

        assertThat(TaskLifecycle.afterUpdate(state)).isEqualTo(expected);
    }
}
