package dev.clockwork.store.jpa;

import dev.clockwork.api.NodeState;
import dev.clockwork.store.NodeRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A row of {@code cw_node}. */
@Entity
@Table(name = "cw_node")
class NodeEntity {

    @Id
    String id;
    String host;
    long pid;
    String version;
    @Enumerated(EnumType.STRING)
    NodeState state;
    @Column(name = "started_at")
    Instant startedAt;
    @Column(name = "heartbeat_at")
    Instant heartbeatAt;
    @Column(name = "stopped_at")
    Instant stoppedAt;

    NodeRow toRow() {
        return new NodeRow(id, host, pid, version, state, startedAt, heartbeatAt, Optional.ofNullable(stoppedAt));
    }
}
