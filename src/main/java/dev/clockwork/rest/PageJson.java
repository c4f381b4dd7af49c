package dev.clockwork.rest;

import dev.clockwork.api.Page;
import java.util.List;
import java.util.function.Function;

/** A page of a list: {@code {"items":[...],"total":N,"offset":..,"limit":..}}. */
public class PageJson<T> {

    public List<T> items;
    public long total;
    public int offset;
    public int limit;

    static <S, T> PageJson<T> of(Page<S> page, Function<S, T> mapper) {
        PageJson<T> json = new PageJson<>();
        json.items = page.items().stream().map(mapper).toList();
        json.total = page.total();
        json.offset = page.offset();
        json.limit = page.limit();
        return json;
    }
}
