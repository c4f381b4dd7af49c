package dev.clockwork.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.store.TaskStore;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class JdbcRowsSlicesTest {

    @Test
    void slices_should_keep_every_item_in_order_in_slices_of_at_most_the_statement_limit() {
        List<Long> ids = LongStream.range(0, 2 * TaskStore.MOST_IDS + 1).boxed().toList();

        List<List<Long>> slices = JdbcRows.slices(ids);

        assertThat(slices).extracting(List::size)
                .containsExactly(TaskStore.MOST_IDS, TaskStore.MOST_IDS, 1);
        assertThat(slices.stream().flatMap(List::stream).toList()).isEqualTo(ids);
    }

    @Test
    void slices_of_nothing_should_be_none_and_of_exactly_the_limit_one() {
        assertThat(JdbcRows.slices(List.of())).isEmpty();
        assertThat(JdbcRows.slices(LongStream.range(0, TaskStore.MOST_IDS).boxed().toList()))
                .hasSize(1);
    }
}
