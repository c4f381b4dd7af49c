package dev.clockwork.store;

import dev.clockwork.api.FirePolicy;
import dev.clockwork.api.RetryPolicy;
import dev.clockwork.api.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A task as stored. The status of its latest ended execution is not here but in its executions
 * ({@link TaskStore#lastStatuses}), so a run's end need not write its task. Made with {@link #builder} or changed
 * with {@link #toBuilder} and the {@code with...} methods.
 *
 * @param id database id; 0 before insertion
 * @param stateReason why the engine put the task in {@link TaskState#ERROR}; empty in every other state
 * @param anchorAt what {@code in} and {@code every} without {@code from} count from: creation, or the last change of
 *     the trigger
 * @param nextFireAt the next fire time; empty whenever the task is not scheduled
 * @param fireCount how many fires have been claimed (scheduled fires only)
 * @param timeout how long a run may take; empty for no limit
 * @param retry how failed runs are retried; {@code max_attempts} and the {@code retry_*} columns
 * @param fires what a late fire, or a fire while a run is in progress, does
 * @param version optimistic lock version
 */
public record TaskRow(long id, String name, String trigger, String zone, String action, Optional<String> args,
                      int priority, TaskState state, Optional<String> stateReason, Optional<String> description,
                      Instant anchorAt, Optional<Instant> nextFireAt, long fireCount, Optional<Instant> lastFireAt,
                      Optional<Duration> timeout, RetryPolicy retry, FirePolicy fires,
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
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(fires, "fires");
    }

    /** The task in {@code newState} with its next fire; any error reason is cleared. */
    /** A builder for a new task named {@code name}: active, not scheduled, nothing fired, version 0. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding every field of this task, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The task in {@code newState} with its next fire; any error reason is cleared. */
    public TaskRow withSchedule(TaskState newState, Optional<Instant> newNextFireAt) {
        return toBuilder().state(newState).stateReason(Optional.empty()).nextFireAt(newNextFireAt).build();
    }

    /** The task after its fire at {@code fireTime} was claimed and its next fire computed. */
    public TaskRow withClaim(Instant fireTime, Optional<Instant> next) {
        return toBuilder().nextFireAt(next).fireCount(fireCount + 1).lastFireAt(Optional.of(fireTime)).build();
    }

    public TaskRow withDefinition(String newTrigger, String newZone, String newAction, Optional<String> newArgs,
                                  int newPriority, Optional<String> newDescription, Instant newAnchorAt) {
        return toBuilder().trigger(newTrigger).zone(newZone).action(newAction).args(newArgs).priority(newPriority)
                .description(newDescription).anchorAt(newAnchorAt).build();
    }

    public TaskRow withPolicies(Optional<Duration> newTimeout, RetryPolicy newRetry, FirePolicy newFires) {
        return toBuilder().timeout(newTimeout).retry(newRetry).fires(newFires).build();
    }

    public TaskRow withUpdate(Instant at, String by) {
        return toBuilder().updatedAt(at).updatedBy(by).build();
    }

    /**
     * The task taken out of the schedule by the engine because {@code reason}: a fire of it could not be claimed,
     * scheduled or recorded. An operator's change of its definition, or a resume, schedules it again.
     */
    public TaskRow inError(String reason) {
        return toBuilder().state(TaskState.ERROR).stateReason(Optional.of(reason(reason))).nextFireAt(Optional.empty())
                .build();
    }

    /** Builds a {@link TaskRow}; {@link #build} checks the fields the record requires. */
    public static final class Builder {
        private long id;
        private String name;
        private String trigger;
        private String zone;
        private String action;
        private Optional<String> args = Optional.empty();
        private int priority;
        private TaskState state = TaskState.ACTIVE;
        private Optional<String> stateReason = Optional.empty();
        private Optional<String> description = Optional.empty();
        private Instant anchorAt;
        private Optional<Instant> nextFireAt = Optional.empty();
        private long fireCount;
        private Optional<Instant> lastFireAt = Optional.empty();
        private Optional<Duration> timeout = Optional.empty();
        private RetryPolicy retry = RetryPolicy.NONE;
        private FirePolicy fires = FirePolicy.DEFAULT;
        private Instant createdAt;
        private String createdBy;
        private Instant updatedAt;
        private String updatedBy;
        private long version;

        private Builder(String name) {
            this.name = name;
        }

        private Builder(TaskRow task) {
            id = task.id;
            name = task.name;
            trigger = task.trigger;
            zone = task.zone;
            action = task.action;
            args = task.args;
            priority = task.priority;
            state = task.state;
            stateReason = task.stateReason;
            description = task.description;
            anchorAt = task.anchorAt;
            nextFireAt = task.nextFireAt;
            fireCount = task.fireCount;
            lastFireAt = task.lastFireAt;
            timeout = task.timeout;
            retry = task.retry;
            fires = task.fires;
            createdAt = task.createdAt;
            createdBy = task.createdBy;
            updatedAt = task.updatedAt;
            updatedBy = task.updatedBy;
            version = task.version;
        }

        public Builder id(long value) {
            id = value;
            return this;
        }

        public Builder trigger(String value) {
            trigger = value;
            return this;
        }

        public Builder zone(String value) {
            zone = value;
            return this;
        }

        public Builder action(String value) {
            action = value;
            return this;
        }

        public Builder args(Optional<String> value) {
            args = value;
            return this;
        }

        public Builder priority(int value) {
            priority = value;
            return this;
        }

        public Builder state(TaskState value) {
            state = value;
            return this;
        }

        public Builder stateReason(Optional<String> value) {
            stateReason = value;
            return this;
        }

        public Builder description(Optional<String> value) {
            description = value;
            return this;
        }

        public Builder anchorAt(Instant value) {
            anchorAt = value;
            return this;
        }

        public Builder nextFireAt(Optional<Instant> value) {
            nextFireAt = value;
            return this;
        }

        public Builder fireCount(long value) {
            fireCount = value;
            return this;
        }

        public Builder lastFireAt(Optional<Instant> value) {
            lastFireAt = value;
            return this;
        }

        public Builder timeout(Optional<Duration> value) {
            timeout = value;
            return this;
        }

        public Builder retry(RetryPolicy value) {
            retry = value;
            return this;
        }

        public Builder fires(FirePolicy value) {
            fires = value;
            return this;
        }

        /** Sets who created the task and when; the task counts as last updated then too, by the same user. */
        public Builder created(Instant at, String by) {
            createdAt = at;
            createdBy = by;
            updatedAt = at;
            updatedBy = by;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder updatedBy(String value) {
            updatedBy = value;
            return this;
        }

        public Builder version(long value) {
            version = value;
            return this;
        }

        public TaskRow build() {
            return new TaskRow(id, name, trigger, zone, action, args, priority, state, stateReason, description,
                    anchorAt, nextFireAt, fireCount, lastFireAt, timeout, retry, fires, createdAt, createdBy, updatedAt,
                    updatedBy, version);
        }
    }
}
