package dev.clockwork.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a task's scheduled fire does when it comes late or while an earlier run is in progress. Manual runs and
 * retries always run; they count as runs in progress for {@code overlap}.
 *
 * @param misfire what a fire claimed more than {@code grace} after its time does
 * @param grace how late a fire may be claimed and still count as on time; empty for the node's
 *     {@code clockwork.catch-up-window}
 * @param overlap what a fire does while a run of the same task is queued or running
 */
public record FirePolicy(Misfire misfire, Optional<Duration> grace, Overlap overlap) implements Serializable {

    /** What new tasks get: one run for missed fires, no two runs at once. */
    public static final FirePolicy DEFAULT = new FirePolicy(Misfire.FIRE_ONCE, Optional.empty(), Overlap.FORBID);
    /** What tasks created before fire policies existed keep: their runs may overlap. */
    public static final FirePolicy UNCHANGED = new FirePolicy(Misfire.FIRE_ONCE, Optional.empty(), Overlap.ALLOW);

    public FirePolicy {
        Objects.requireNonNull(misfire, "misfire");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(overlap, "overlap");
    }

    public FirePolicy withMisfire(Misfire value) {
        return new FirePolicy(value, grace, overlap);
    }

    public FirePolicy withGrace(Duration value) {
        return new FirePolicy(misfire, Optional.of(value), overlap);
    }

    public FirePolicy withOverlap(Overlap value) {
        return new FirePolicy(misfire, grace, value);
    }
}
