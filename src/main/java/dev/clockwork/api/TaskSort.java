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

    /** What tasks can be ordered by. */
    public enum Field {
        NAME, TRIGGER, NEXT_FIRE, STATE, ACTION, PRIORITY
    }

    /** Which way an order runs; tasks without a next fire come last either way. */
    public enum Direction {
        ASCENDING, DESCENDING
    }

    public TaskSort {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(direction, "direction");
    }
}
