package dev.clockwork.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What to schedule: an immutable value, made with {@link #builder(String)}.
 *
 * @param name unique task name, 1-200 characters of {@code [A-Za-z0-9._-]}
 * @param trigger trigger text, e.g. {@code "cron 0 9 * * MON-FRI"} or {@code "every 90s"}
 * @param action the name of the {@link TaskAction} to run
 * @param argsJson the action's arguments as JSON; empty for none
 * @param zone IANA zone id the trigger is read in; empty means the configured default zone, stored at creation
 * @param priority higher runs first when several tasks are due at once
 * @param description free text for operators
 * @param timeout how long a run may take before it is interrupted and ends {@code TIMED_OUT}; empty for no limit
 * @param retry how failed runs are retried; {@link RetryPolicy#NONE} by default
 * @param fires what a late fire, or a fire while a run is in progress, does; {@link FirePolicy#DEFAULT} by default
 */
public record TaskSpec(String name, String trigger, String action, Optional<String> argsJson, Optional<String> zone,
                       int priority, Optional<String> description, Optional<Duration> timeout,
                       RetryPolicy retry, FirePolicy fires) {

    public TaskSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(argsJson, "argsJson");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(fires, "fires");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link TaskSpec}; each setter rejects null, {@link #build()} checks that trigger and action are set. */
    public static final class Builder {
        private final String name;
        private String trigger;
        private String action;
        private String argsJson;
        private String zone;
        private int priority;
        private String description;
        private Duration timeout;
        private RetryPolicy retry = RetryPolicy.NONE;
        private FirePolicy fires = FirePolicy.DEFAULT;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder trigger(String trigger) {
            this.trigger = Objects.requireNonNull(trigger, "trigger");
            return this;
        }

        public Builder action(String action) {
            this.action = Objects.requireNonNull(action, "action");
            return this;
        }

        /** The action's arguments as a JSON text. */
        public Builder argsJson(String argsJson) {
            this.argsJson = Objects.requireNonNull(argsJson, "argsJson");
            return this;
        }

        public Builder zone(String zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** How long a run may take before it is interrupted and ends {@code TIMED_OUT}. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How failed runs are retried, e.g. {@code RetryPolicy.attempts(3)}. */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** What a fire claimed more than its grace late does; {@link Misfire#FIRE_ONCE} by default. */
        public Builder misfire(Misfire misfire) {
            this.fires = fires.withMisfire(Objects.requireNonNull(misfire, "misfire"));
            return this;
        }

        /** How late a fire may be claimed and still count as on time; the node's catch-up window by default. */
        public Builder grace(Duration grace) {
            this.fires = fires.withGrace(Objects.requireNonNull(grace, "grace"));
            return this;
        }

        /** What a fire does while a run of the task is in progress; {@link Overlap#FORBID} by default. */
        public Builder overlap(Overlap overlap) {
            this.fires = fires.withOverlap(Objects.requireNonNull(overlap, "overlap"));
            return this;
        }

        /** All of misfire, grace and overlap at once. */
        public Builder fires(FirePolicy fires) {
            this.fires = Objects.requireNonNull(fires, "fires");
            return this;
        }

        public TaskSpec build() {
            if (trigger == null) {
                throw SchedulerException.invalid("trigger", "Task \"" + name + "\" needs a trigger, e.g. \"every 5m\".");
            }
            if (action == null) {
                throw SchedulerException.invalid("action", "Task \"" + name + "\" needs an action, e.g. \"log\".");
            }
            return new TaskSpec(name, trigger, action, Optional.ofNullable(argsJson), Optional.ofNullable(zone),
                    priority, Optional.ofNullable(description), Optional.ofNullable(timeout), retry,
                    fires);
        }
    }
}
