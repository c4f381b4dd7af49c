package dev.clockwork.api;

import java.util.List;
import java.util.function.LongSupplier;

/** One page of a longer list. */
public record Page<T>(List<T> items, long total, int offset, int limit) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * A page whose total agrees with its items: a page that is not full ends the list, so its total is counted from
     * the items, and {@code countAll} (a second query, which may see rows written since the items were read) is asked
     * only for a full page or one past the end. Without this a row written between the two reads gave a total of 1
     * beside no items.
     */
    public static <T> Page<T> of(List<T> items, int offset, int limit, LongSupplier countAll) {
        long seen = (long) offset + items.size();
        if (items.size() < limit && (!items.isEmpty() || offset == 0)) {
            return new Page<>(items, seen, offset, limit);
        }
        long counted = countAll.getAsLong();
        return new Page<>(items, items.isEmpty() ? counted : Math.max(counted, seen), offset, limit);
    }
}
