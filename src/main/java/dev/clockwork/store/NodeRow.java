package dev.clockwork.store;

import dev.clockwork.api.NodeState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A node as stored. */
public record NodeRow(String id, String host, long pid, String version, NodeState state, Instant startedAt,
                      Instant heartbeatAt, Optional<Instant> stoppedAt) {

    public NodeRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(heartbeatAt, "heartbeatAt");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
    }
}
