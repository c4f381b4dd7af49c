package dev.clockwork.store.jpa;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import java.time.Instant;

/** A row of {@code cw_execution}: one attempt of one fire. */
@Entity
@Table(name = "cw_execution")
class ExecutionEntity {

    static final String ID_NAME = "execution";

    @Id
    @TableGenerator(name = "execution_ids", table = "cw_id_block", pkColumnName = "name",
            valueColumnName = "next_value", pkColumnValue = ID_NAME, allocationSize = 100)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "execution_ids")
    Long id;
    @Column(name = "task_id")
    long taskId;
    @Column(name = "task_name")
    String taskName;
    @Column(name = "fire_time")
    Instant fireTime;
    int attempt;
    @Enumerated(EnumType.STRING)
    ExecutionKind kind;
    String node;
    @Enumerated(EnumType.STRING)
    ExecutionStatus status;
    @Column(name = "claimed_at")
    Instant claimedAt;
    @Column(name = "started_at")
    Instant startedAt;
    @Column(name = "finished_at")
    Instant finishedAt;
    @Column(name = "due_at")
    Instant dueAt;
    String reason;
    String result;
    String error;
    @Column(name = "stack_trace")
    String stackTrace;
    String report;
}
