package dev.clockwork.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A task as it stands.
 *
 * @param trigger the canonical trigger text
 * @param triggerDescription the trigger in plain English
 * @param args the action's arguments as JSON, when it has any
 * @param description free text for operators, when there is any
 * @param stateReason why the task is in {@link TaskState#ERROR}; empty in every other state
 * @param nextFireAt the next fire time, empty when the task is not scheduled (paused, done, cancelled)
 * @param lastStatus the status of the latest ended execution (latest fire time, then attempt)
 * @param warnings things an operator should know, e.g. that the action is not deployed on this node
 * @param timeout how long a run may take; empty for no limit
 * @param retry how failed runs are retried
 * @param fires what a late fire, or a fire while a run is in progress, does
 */
public record TaskInfo(String name, String trigger, String triggerDescription, String zone, String action,
                       Optional<String> args, int priority, TaskState state, Optional<String> stateReason,
                       Optional<String> description,
                       Optional<Instant> nextFireAt, Optional<Instant> lastFireAt,
                       Optional<ExecutionStatus> lastStatus, long fireCount, Instant createdAt, Instant updatedAt,
                       List<String> warnings, Optional<Duration> timeout, RetryPolicy retry,
                       FirePolicy fires) {

    public TaskInfo {
        warnings = List.copyOf(warnings);
    }

    public boolean active() {
        return state == TaskState.ACTIVE;
    }
}
