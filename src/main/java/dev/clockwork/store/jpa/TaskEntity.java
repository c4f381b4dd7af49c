package dev.clockwork.store.jpa;

import dev.clockwork.api.TaskState;
import dev.clockwork.store.TaskRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Version;
import java.time.Instant;

/** A row of {@code cw_task}; see {@link TaskRow} for the meaning of the columns. */
@Entity
@Table(name = "cw_task")
class TaskEntity {

    @Id
    @TableGenerator(name = "task_ids", table = "cw_id_block", pkColumnName = "name", valueColumnName = "next_value",
            pkColumnValue = "task", allocationSize = 100)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "task_ids")
    Long id;
    String name;
    @Column(name = "trigger_text")
    String trigger;
    String zone;
    String action;
    @Lob
    String args;
    int priority;
    @Enumerated(EnumType.STRING)
    TaskState state;
    @Column(name = "state_reason")
    String stateReason;
    String description;
    @Column(name = "anchor_at")
    Instant anchorAt;
    @Column(name = "next_fire_at")
    Instant nextFireAt;
    @Column(name = "fire_count")
    long fireCount;
    @Column(name = "last_fire_at")
    Instant lastFireAt;
    @Column(name = "max_attempts")
    int maxAttempts;
    @Column(name = "timeout_ms")
    Long timeoutMs;
    @Column(name = "retry_backoff_ms")
    Long retryBackoffMs;
    @Column(name = "retry_multiplier")
    Double retryMultiplier;
    @Column(name = "retry_max_backoff_ms")
    Long retryMaxBackoffMs;
    @Column(name = "retry_jitter")
    Double retryJitter;
    String misfire;
    @Column(name = "grace_ms")
    Long graceMs;
    String overlap;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "created_by")
    String createdBy;
    @Column(name = "updated_at")
    Instant updatedAt;
    @Column(name = "updated_by")
    String updatedBy;
    @Version
    long version;
}
