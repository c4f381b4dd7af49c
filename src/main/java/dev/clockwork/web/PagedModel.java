package dev.clockwork.web;

import dev.clockwork.api.Page;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * A lazy table model fed by one query per page: the page and its total come from one {@link Page}. PrimeFaces asks
 * {@link #count} before {@link #load}; it answers the total the previous load saw (0 before the first), so
 * counting costs no query of its own, and {@link #load} then sets the fresh total.
 */
abstract class PagedModel<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;
    private static final int MOST_ROWS = 1000;

    private int lastTotal;

    /** The page of rows from {@code offset}, at most {@code limit} of them (1-1000). */
    abstract Page<T> fetch(int offset, int limit, Map<String, SortMeta> sortBy);

    /** The key that tells a row from the others (selection, row expansion). */
    abstract String key(T row);

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return lastTotal;
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        Page<T> page = fetch(Math.max(0, first), Math.max(1, Math.min(pageSize, MOST_ROWS)), sortBy);
        lastTotal = (int) Math.min(Integer.MAX_VALUE, page.total());
        setRowCount(lastTotal);
        return page.items();
    }

    @Override
    public String getRowKey(T row) {
        return key(row);
    }

    /** A selected row, from the page on show (a selection is made on the rows one sees). */
    @Override
    public T getRowData(String rowKey) {
        List<T> rows = getWrappedData();
        return rows == null ? null : rows.stream().filter(row -> key(row).equals(rowKey)).findFirst().orElse(null);
    }
}
