package dev.clockwork.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.primefaces.model.SortMeta;

class PagedModelTest {

    /** Rows 0..total-1; records each fetch. */
    private static final class Numbers extends PagedModel<Integer> {
        private static final long serialVersionUID = 1L;
        final List<String> fetches = new ArrayList<>();
        int total;

        @Override
        Page<Integer> fetch(int offset, int limit, Map<String, SortMeta> sortBy) {
            fetches.add(offset + "+" + limit);
            return new Page<>(IntStream.range(offset, Math.min(total, offset + limit)).boxed().toList(), total,
                    offset, limit);
        }

        @Override
        String key(Integer row) {
            return row.toString();
        }
    }

    @Test
    void count_should_answer_the_total_of_the_last_load_without_a_fetch_of_its_own() {
        Numbers model = new Numbers();
        model.total = 60;

        assertThat(model.count(Map.of())).as("before the first load").isZero();
        assertThat(model.load(25, 25, Map.of(), Map.of())).hasSize(25).startsWith(25);
        assertThat(model.getRowCount()).isEqualTo(60);
        model.total = 61;
        assertThat(model.count(Map.of())).isEqualTo(60);
        assertThat(model.fetches).containsExactly("25+25");
    }

    @Test
    void load_should_keep_the_page_size_within_1_and_1000() {
        Numbers model = new Numbers();
        model.total = 5;

        model.load(-3, 0, Map.of(), Map.of());
        model.load(0, 5000, Map.of(), Map.of());

        assertThat(model.fetches).containsExactly("0+1", "0+1000");
        assertThat(model.getRowKey(3)).isEqualTo("3");
    }

    @Test
    void row_data_should_be_found_by_key_on_the_page_on_show() {
        Numbers model = new Numbers();
        model.total = 60;
        model.setWrappedData(model.load(25, 25, Map.of(), Map.of()));

        assertThat(model.getRowData("30")).isEqualTo(30);
        assertThat(model.getRowData("3")).as("on another page").isNull();
    }
}
