package dev.clockwork.store;

import dev.clockwork.api.NodeState;
import dev.clockwork.api.NodeWorkload;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A node as stored.
 *
 * @param workload what it reported with its latest heartbeat; empty for a node of a version that did not report it
 */
public record NodeRow(String id, String host, long pid, String version, NodeState state, Instant startedAt,
                      Instant heartbeatAt, Optional<Instant> stoppedAt, Optional<NodeWorkload> workload) {

    public NodeRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(heartbeatAt, "heartbeatAt");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
        Objects.requireNonNull(workload, "workload");
    }
}
