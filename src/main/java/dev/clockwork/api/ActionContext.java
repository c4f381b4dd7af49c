package dev.clockwork.api;

import java.time.Instant;

/** What an action knows about the execution it runs. */
public interface ActionContext {

    /** The task's name. */
    String taskName();

    /** The fire time this execution serves (for a manual run: when it was asked for). */
    Instant fireTime();

    /** The attempt number, 1 for the first. */
    int attempt();

    /**
     * A key that is the same for every attempt of one fire and different for every other fire: use it to make side
     * effects safe to repeat (e.g. as an idempotency key of a payment API or a unique key in your table).
     */
    String idempotencyKey();

    /** The task's arguments as raw JSON ({@code "null"} when it has none). */
    String argsJson();

    /**
     * The task's arguments mapped by JSON-B to a record or class.
     *
     * @throws IllegalArgumentException when the JSON does not fit {@code type}
     */
    <T> T args(Class<T> type);

    /** Reports a progress line; the lines are stored with the execution (at most 200 lines are kept). */
    void report(String line);
}
