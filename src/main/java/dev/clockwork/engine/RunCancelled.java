package dev.clockwork.engine;

import java.util.List;

/**
 * Runs were cancelled while running, in the transaction that fires this event: after it commits, this node's workers
 * interrupt those of them they run. Other nodes find the cancel in {@code cw_run} at their next heartbeat.
 */
record RunCancelled(List<Long> executionIds, String reason) {

    RunCancelled {
        executionIds = List.copyOf(executionIds);
    }
}
