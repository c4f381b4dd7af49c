package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.ExecutionKind;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A method named with {@code @Action}, called as an action: its parameters filled, its exceptions unwrapped. */
class ActionMethodTest {

    /** What the methods read from a task's arguments. */
    public record Greeting(String name) {
    }

    @SuppressWarnings("unused")
    static final class Bean {
        String greet(Greeting greeting, dev.clockwork.api.ActionContext context) {
            context.report("greeting " + greeting.name());
            return "hello " + greeting.name() + " at attempt " + context.attempt();
        }

        void fail() throws java.io.IOException {
            throw new java.io.IOException("disk full");
        }

        void twoArgs(Greeting a, Greeting b) {
        }
    }

    private final RunContext context = new RunContext(new ClaimedFire(1, 2, "t", "a", Optional.of("{\"name\":\"Ada\"}"),
            Instant.EPOCH, 1, ExecutionKind.MANUAL, 0, Optional.empty(), false, Optional.empty()),
            JsonbBuilder.create());

    @Test
    void a_method_action_should_get_the_context_and_the_arguments_mapped_to_its_parameter_in_any_order()
            throws Exception {
        ActionMethod method = ActionMethod.of(Bean.class.getDeclaredMethod("greet", Greeting.class,
                dev.clockwork.api.ActionContext.class));

        assertThat(method.on(new Bean()).run(context)).isEqualTo("hello Ada at attempt 1");
        assertThat(context.lines()).containsExactly("greeting Ada");
    }

    @Test
    void a_method_action_should_throw_its_own_exception_not_the_reflection_wrapper() throws Exception {
        ActionMethod method = ActionMethod.of(Bean.class.getDeclaredMethod("fail"));

        assertThatThrownBy(() -> method.on(new Bean()).run(context)).isInstanceOf(java.io.IOException.class)
                .hasMessage("disk full");
    }

    @Test
    void a_method_with_two_argument_parameters_should_be_refused_with_how_to_fix_it() throws Exception {
        assertThatThrownBy(() -> ActionMethod.of(Bean.class.getDeclaredMethod("twoArgs", Greeting.class,
                Greeting.class))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most one");
    }
}
