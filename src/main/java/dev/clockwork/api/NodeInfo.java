package dev.clockwork.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A node as the cluster sees it.
 *
 * @param heartbeatAge how long ago, in the cluster's (database) time, the node last heartbeated
 * @param running how many executions the node has claimed and not finished
 */
public record NodeInfo(String id, String host, long pid, String version, NodeState state, Instant startedAt,
                       Instant heartbeatAt, Duration heartbeatAge, Optional<Instant> stoppedAt, long running) {
}
