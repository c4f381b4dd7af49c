package dev.clockwork.api;

import java.util.Objects;

/**
 * The order of a task listing; ties are broken by name.
 *
 * @param field what to order by
 * @param direction which way
 */
public record TaskSort(Field field, Direction direction) {

    /** By name, A to Z: the default order. */
    public static final TaskSort BY_NAME = new TaskSort(Field.NAME, Direction.ASCENDING);

    /**
     * What tasks can be ordered by. {@code LAST_STATUS} is the status of the latest ended execution, by its name;
     * it costs a look-up per task that matches the filters.
     */
    public enum Field {
        NAME, TRIGGER, NEXT_FIRE, STATE, ACTION, PRIORITY, LAST_STATUS
    }

    /** Which way an order runs; tasks without a next fire (or without a last status) come last either way. */
    public enum Direction {
        ASCENDING, DESCENDING
    }

    public TaskSort {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(direction, "direction");
    }
}
