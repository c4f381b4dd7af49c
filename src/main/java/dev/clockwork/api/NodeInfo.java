package dev.clockwork.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A node as the cluster sees it.
 *
 * @param heartbeatAge how long ago, in the cluster's (database) time, the node last heartbeated
 * @param running how many executions the node has claimed and not finished
 * @param workload its clock offset and workers at its latest heartbeat; empty for a node of an earlier version
 */
public record NodeInfo(String id, String host, long pid, String version, NodeState state, Instant startedAt,
                       Instant heartbeatAt, Duration heartbeatAge, Optional<Instant> stoppedAt, long running,
                       Optional<NodeWorkload> workload) {

    /** A node whose workload is not known. */
    public NodeInfo(String id, String host, long pid, String version, NodeState state, Instant startedAt,
                    Instant heartbeatAt, Duration heartbeatAge, Optional<Instant> stoppedAt, long running) {
        this(id, host, pid, version, state, startedAt, heartbeatAt, heartbeatAge, stoppedAt, running,
                Optional.empty());
    }
}
