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
 * @param stateReason why the engine put the task in {@link TaskState#ERROR}; empty in every other state
 * @param anchorAt what {@code in} and {@code every} without {@code from} count from: creation, or the last change of
 *     the trigger
 * @param nextFireAt the next fire time; empty whenever the task is not scheduled
 * @param fireCount how many fires have been claimed (scheduled fires only)
 * @param version optimistic lock version
 */
public record TaskRow(long id, String name, String trigger, String zone, String action, Optional<String> args,
                      int priority, TaskState state, Optional<String> stateReason, Optional<String> description,
                      Instant anchorAt,
                      Optional<Instant> nextFireAt, long fireCount, Optional<Instant> lastFireAt, int maxAttempts,
                      Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, long version) {

    /** The longest reason stored (the column's width). */
    static final int MAX_REASON = 2000;

    /** {@code reason} cut to what the column holds. */
    public static String reason(String reason) {
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…" : reason;
    }

    public TaskRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stateReason, "stateReason");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(anchorAt, "anchorAt");
        Objects.requireNonNull(nextFireAt, "nextFireAt");
        Objects.requireNonNull(lastFireAt, "lastFireAt");
    }

    /** The task in {@code newState} with its next fire; any error reason is cleared. */
    public TaskRow withSchedule(TaskState newState, Optional<Instant> newNextFireAt) {
        return new TaskRow(id, name, trigger, zone, action, args, priority, newState, Optional.empty(), description,
                anchorAt,
                newNextFireAt, fireCount, lastFireAt, maxAttempts, createdAt, createdBy, updatedAt,
                updatedBy, version);
    }

    /** The task after its fire at {@code fireTime} was claimed and its next fire computed. */
    public TaskRow withClaim(Instant fireTime, Optional<Instant> next) {
        return new TaskRow(id, name, trigger, zone, action, args, priority, state, stateReason, description,
                anchorAt, next,
                fireCount + 1, Optional.of(fireTime), maxAttempts, createdAt, createdBy, updatedAt,
                updatedBy, version);
    }

    public TaskRow withDefinition(String newTrigger, String newZone, String newAction, Optional<String> newArgs,
                                  int newPriority, Optional<String> newDescription, Instant newAnchorAt) {
        return new TaskRow(id, name, newTrigger, newZone, newAction, newArgs, newPriority, state, stateReason,
                newDescription,
                newAnchorAt, nextFireAt, fireCount, lastFireAt, maxAttempts, createdAt, createdBy,
                updatedAt, updatedBy, version);
    }

    public TaskRow withUpdate(Instant at, String by) {
        return new TaskRow(id, name, trigger, zone, action, args, priority, state, stateReason, description,
                anchorAt, nextFireAt, fireCount, lastFireAt, maxAttempts, createdAt, createdBy, at, by, version);
    }

    /**
     * The task taken out of the schedule by the engine because {@code reason}: a fire of it could not be claimed,
     * scheduled or recorded. An operator's change of its definition, or a resume, schedules it again.
     */
    public TaskRow inError(String reason) {
        return new TaskRow(id, name, trigger, zone, action, args, priority, TaskState.ERROR,
                Optional.of(reason(reason)),
                description, anchorAt, Optional.empty(), fireCount, lastFireAt, maxAttempts, createdAt, createdBy,
                updatedAt, updatedBy, version);
    }
}
