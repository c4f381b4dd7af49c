package dev.clockwork.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SleepActionTest {

    @Test
    void should_succeed_after_sleeping_the_given_milliseconds() throws Exception {
        List<Long> waits = new ArrayList<>();
        SleepAction action = new SleepAction();
        action.pause = waits::add;

        assertThat(action.run(new TestContext("{\"ms\":1500}"))).isEqualTo("slept 1500 ms");
        assertThat(waits).containsExactly(1500L);
    }

    @Test
    void should_name_the_argument_it_needs_when_it_is_missing_or_out_of_range() {
        for (String args : new String[] {"null", "{}", "{\"ms\":-1}", "{\"ms\":3600001}"}) {
            assertThatThrownBy(() -> new SleepAction().run(new TestContext(args))).as(args)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{\"ms\": n}")
                    .hasMessageContaining(args);
        }
    }
}
