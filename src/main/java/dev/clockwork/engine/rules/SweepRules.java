package dev.clockwork.engine.rules;

import dev.clockwork.store.ExecutionRow;
import java.time.Duration;
import java.time.Instant;

/** What becomes of the executions of a node that died or stopped. */
public final class SweepRules {

    private SweepRules() {
    }

    /** What a live node does with one orphaned execution. */
    public enum Takeover {
        /** It never started: the live node takes it as it is. */
        REASSIGN,
        /** It was running: end it NODE_LOST and run the fire again as the next attempt. */
        LOSE_AND_RETRY,
        /** It was running and has had its retries: end it NODE_LOST. */
        LOSE
    }

    /**
     * @param nodeLostRetries how many new attempts a fire gets after its node is lost (default 1)
     */
    public static Takeover takeover(ExecutionRow orphan, int nodeLostRetries) {
        return switch (orphan.status()) {
            case QUEUED -> Takeover.REASSIGN;
            case RUNNING -> orphan.attempt() <= nodeLostRetries ? Takeover.LOSE_AND_RETRY : Takeover.LOSE;
            default -> throw new IllegalStateException("Only unfinished executions are orphans; execution "
                    + orphan.id() + " is " + orphan.status());
        };
    }

    /**
     * Whether this node may judge other nodes' liveness: only after it has itself heartbeated without a failure for
     * a whole dead-after window. After a database outage every node's heartbeat is stale; waiting a window lets the
     * live ones write theirs again before anyone is declared dead.
     */
    public static boolean maySweep(Instant healthySince, Instant now, Duration deadAfter) {
        return !healthySince.plus(deadAfter).isAfter(now);
    }

    /** Checks that liveness is judged on several missed heartbeats, not one late one. */
    public static void checkThresholds(Duration heartbeat, Duration deadAfter) {
        if (deadAfter.compareTo(heartbeat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("clockwork.dead-after (" + deadAfter + ") must be at least three"
                    + " heartbeats (clockwork.heartbeat-interval " + heartbeat + " x 3 = " + heartbeat.multipliedBy(3)
                    + "), so that one late heartbeat does not declare a live node dead");
        }
    }
}
