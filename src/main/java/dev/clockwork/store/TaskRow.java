package dev.clockwork.store;

import dev.clockwork.api.TaskState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A task as stored. The status of its latest ended execution is not here but in its executions
 * ({@link TaskStore#lastStatuses}), so a run's end need not write its task.
 *
 * @param id database id; 0 before insertion
 * @param anchorAt what {@code in} and {@code every} without {@code from} count from: creation, or the last change of
 *     the trigger
 * @param nextFireAt the next fire time; empty whenever the task is not scheduled
 * @param fireCount how many fires have been claimed (scheduled fires only)
 * @param version optimistic lock version
 */
public record TaskRow(long id, String name, String trigger, String zone, String action, Optional<String> args,
                      int priority, TaskState state, Optional<String> description, Instant anchorAt,
                      Optional<Instant> nextFireAt, long fireCount, Optional<Instant> lastFireAt, int maxAttempts,
                      Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, long version) {

    public TaskRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(anchorAt, "anchorAt");
        Objects.requireNonNull(nextFireAt, "nextFireAt");
        Objects.requireNonNull(lastFireAt, "lastFireAt");
    }

    public TaskRow withSchedule(TaskState newState, Optional<Instant> newNextFireAt) {
        return new TaskRow(id, name, trigger, zone, action, args, priority, newState, description, anchorAt,
                newNextFireAt, fireCount, lastFireAt, maxAttempts, createdAt, createdBy, updatedAt,
                updatedBy, version);
    }

    /** The task after its fire at {@code fireTime} was claimed and its next fire computed. */
    public TaskRow withClaim(Instant fireTime, Optional<Instant> next) {
        return new TaskRow(id, name, trigger, zone, action, args, priority, state, description, anchorAt, next,
                fireCount + 1, Optional.of(fireTime), maxAttempts, createdAt, createdBy, updatedAt,
                updatedBy, version);
    }

    public TaskRow withDefinition(String newTrigger, String newZone, String newAction, Optional<String> newArgs,
                                  int newPriority, Optional<String> newDescription, Instant newAnchorAt) {
        return new TaskRow(id, name, newTrigger, newZone, newAction, newArgs, newPriority, state, newDescription,
                newAnchorAt, nextFireAt, fireCount, lastFireAt, maxAttempts, createdAt, createdBy,
                updatedAt, updatedBy, version);
    }

    public TaskRow withUpdate(Instant at, String by) {
        return new TaskRow(id, name, trigger, zone, action, args, priority, state, description, anchorAt,
                nextFireAt, fireCount, lastFireAt, maxAttempts, createdAt, createdBy, at, by, version);
    }
}
