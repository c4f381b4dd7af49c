package dev.clockwork.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code cw_run}: an execution that is queued or running, and the node that owns it. The claim inserts it
 * with the execution and the outcome deletes it, so the sweep and the nodes page find a node's unfinished work here,
 * and {@code cw_execution} needs no index on its status, which every outcome changes.
 */
@Entity
@Table(name = "cw_run")
class RunEntity {

    @Id
    @Column(name = "execution_id")
    long executionId;
    @Column(name = "task_id")
    Long taskId;
    String node;
    /** Why the run was cancelled while running, for its node to interrupt it; null unless it was. */
    @Column(name = "cancel_reason")
    String cancelReason;
}
