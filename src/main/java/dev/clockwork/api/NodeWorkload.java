package dev.clockwork.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What a node reported with its latest heartbeat about its clock and its workers.
 *
 * @param clockOffset what the node adds to its own clock to read the database's (the cluster's) time
 * @param busyWorkers how many of its worker threads were running an action
 * @param workers how many worker threads it has
 */
public record NodeWorkload(Duration clockOffset, int busyWorkers, int workers) {

    public NodeWorkload {
        Objects.requireNonNull(clockOffset, "clockOffset");
        if (busyWorkers < 0 || workers < 0) {
            throw new IllegalArgumentException("worker counts must be 0 or more, were busy " + busyWorkers
                    + " of " + workers);
        }
    }
}
