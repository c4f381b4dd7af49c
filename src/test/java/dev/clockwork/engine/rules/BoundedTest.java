package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedTest {

    @Test
    void text_should_be_kept_whole_when_it_fits() {
        assertThat(Bounded.text("short", 10)).isEqualTo("short");
    }

    @Test
    void text_should_be_cut_to_the_limit_and_marked_when_too_long() {
        String cut = Bounded.text("x".repeat(5000), Bounded.RESULT);

        assertThat(cut).hasSize(Bounded.RESULT).endsWith("(truncated)");
    }

    @Test
    void error_should_name_the_exception_and_its_message() {
        assertThat(Bounded.error(new IllegalStateException("disk full"))).isEqualTo("IllegalStateException: disk full");
        assertThat(Bounded.error(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
    }

    @Test
    void report_should_join_lines_and_be_empty_without_lines() {
        assertThat(Bounded.report(List.of("a", "b"))).contains("a\nb");
        assertThat(Bounded.report(List.of())).isEmpty();
    }

    @Test
    void stack_trace_should_fit_its_column() {
        assertThat(Bounded.stackTrace(new RuntimeException("x"))).hasSizeLessThanOrEqualTo(Bounded.STACK_TRACE)
                .contains("RuntimeException");
    }
}
