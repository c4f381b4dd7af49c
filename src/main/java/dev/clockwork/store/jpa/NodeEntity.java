package dev.clockwork.store.jpa;

import dev.clockwork.api.NodeState;
import dev.clockwork.api.NodeWorkload;
import dev.clockwork.store.NodeRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    @Column(name = "clock_offset_us")
    Long clockOffsetMicros;
    @Column(name = "busy_workers")
    Integer busyWorkers;
    Integer workers;

    NodeRow toRow() {
        return new NodeRow(id, host, pid, version, state, startedAt, heartbeatAt, Optional.ofNullable(stoppedAt),
                workload());
    }

    /** The workload of the latest heartbeat; empty when a node of an earlier version wrote it. */
    private Optional<NodeWorkload> workload() {
        if (clockOffsetMicros == null || busyWorkers == null || workers == null) {
            return Optional.empty();
        }
        return Optional.of(new NodeWorkload(Duration.of(clockOffsetMicros, ChronoUnit.MICROS), busyWorkers, workers));
    }

    void setWorkload(Optional<NodeWorkload> workload) {
        clockOffsetMicros = workload.map(w -> w.clockOffset().toNanos() / 1000).orElse(null);
        busyWorkers = workload.map(NodeWorkload::busyWorkers).orElse(null);
        workers = workload.map(NodeWorkload::workers).orElse(null);
    }
}
