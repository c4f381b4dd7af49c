package dev.clockwork.engine.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a node's dispatch loop does its work, judged from its latest rounds: a node whose loop fails round after
 * round, or completes no round for several poll intervals, fires nothing and must not report itself healthy.
 *
 * @param claims whether the node dispatches at all: a console node ({@code clockwork.workers=0}) does not, and is up
 * @param problem what is wrong, for the health answer; empty when up
 */
public record DispatchHealth(boolean up, boolean claims, Optional<String> problem) {

    /** Failed rounds in a row after which the loop is down: one or two may be a blip the next poll rides out. */
    static final int MOST_FAILURES_IN_A_ROW = 3;
    /** Poll intervals without a completed round after which the loop is down. */
    static final int MOST_SILENT_POLLS = 5;
    /** The shortest silence that counts, so a short poll interval does not make a busy moment an outage. */
    static final Duration LEAST_SILENCE = Duration.ofSeconds(10);

    /**
     * @param lastRoundAt when a round last completed, or the loop started; empty before it started
     * @param failuresInARow rounds that failed since the last one that completed
     */
    public static DispatchHealth judge(Instant now, Optional<Instant> lastRoundAt, int failuresInARow,
                                       Optional<String> lastFailure, Duration pollInterval) {
        if (lastRoundAt.isEmpty()) {
            return down("the dispatcher has not started");
        }
        if (failuresInARow >= MOST_FAILURES_IN_A_ROW) {
            return down("the last " + failuresInARow + " dispatch rounds failed; the latest with "
                    + lastFailure.orElse("an unknown error") + " (see the server log)");
        }
        Duration silence = Duration.between(lastRoundAt.get(), now);
        Duration allowed = max(pollInterval.multipliedBy(MOST_SILENT_POLLS), LEAST_SILENCE);
        if (silence.compareTo(allowed) > 0) {
            return down("no dispatch round completed for " + silence.toMillis() + " ms (allowed: "
                    + allowed.toMillis() + " ms); the dispatcher is stuck or its poll timer stopped");
        }
        return new DispatchHealth(true, true, Optional.empty());
    }

    /** The health of a console node, which has no dispatch loop by design. */
    public static DispatchHealth consoleNode() {
        return new DispatchHealth(true, false, Optional.empty());
    }

    private static DispatchHealth down(String problem) {
        return new DispatchHealth(false, true, Optional.of(problem));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
