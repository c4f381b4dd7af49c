package dev.clockwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

    private static final long NEVER = -1;

    @Test
    void a_page_that_is_not_full_should_count_its_total_from_its_items_not_from_a_later_count() {
        assertThat(Page.of(List.of(), 0, 20, () -> 1).total()).as("a row written after the items were read")
                .isZero();
        assertThat(Page.of(List.of("a", "b"), 40, 20, () -> NEVER).total()).isEqualTo(42);
    }

    @Test
    void a_full_page_or_one_past_the_end_should_ask_the_count() {
        assertThat(Page.of(List.of("a", "b"), 0, 2, () -> 7).total()).isEqualTo(7);
        assertThat(Page.of(List.of(), 40, 20, () -> 12).total()).isEqualTo(12);
    }

    @Test
    void the_total_should_never_be_below_the_items_seen() {
        assertThat(Page.of(List.of("a", "b"), 10, 2, () -> 3).total()).as("rows deleted after the items were read")
                .isEqualTo(12);
    }
}
