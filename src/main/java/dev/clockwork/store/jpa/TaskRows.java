package dev.clockwork.store.jpa;

import dev.clockwork.store.TaskRow;
import java.util.Optional;

/** Copies between {@link TaskRow} and {@link TaskEntity}. */
final class TaskRows {

    private TaskRows() {
    }

    /** The task as stored. */
    static TaskRow toRow(TaskEntity e) {
        return TaskRow.builder(e.name).id(e.id).trigger(e.trigger).zone(e.zone).action(e.action)
                .args(Optional.ofNullable(e.args)).priority(e.priority).state(e.state)
                .stateReason(Optional.ofNullable(e.stateReason)).description(Optional.ofNullable(e.description))
                .anchorAt(e.anchorAt).nextFireAt(Optional.ofNullable(e.nextFireAt)).fireCount(e.fireCount)
                .lastFireAt(Optional.ofNullable(e.lastFireAt)).timeout(PolicyColumns.timeout(e.timeoutMs))
                .retry(PolicyColumns.retry(e.maxAttempts, e.retryBackoffMs, e.retryMultiplier, e.retryMaxBackoffMs,
                        e.retryJitter))
                .fires(PolicyColumns.fires(e.misfire, e.graceMs, e.overlap))
                .created(e.createdAt, e.createdBy).updatedAt(e.updatedAt).updatedBy(e.updatedBy).version(e.version)
                .build();
    }

    /** Copies every column but id and version, which JPA owns. */
    static void copy(TaskRow row, TaskEntity e) {
        e.name = row.name();
        e.trigger = row.trigger();
        e.zone = row.zone();
        e.action = row.action();
        e.args = row.args().orElse(null);
        e.priority = row.priority();
        e.state = row.state();
        e.stateReason = row.stateReason().orElse(null);
        e.description = row.description().orElse(null);
        e.anchorAt = row.anchorAt();
        e.nextFireAt = row.nextFireAt().orElse(null);
        e.fireCount = row.fireCount();
        e.lastFireAt = row.lastFireAt().orElse(null);
        PolicyColumns.copy(row.timeout(), row.retry(), row.fires(), e);
        e.createdAt = row.createdAt();
        e.createdBy = row.createdBy();
        e.updatedAt = row.updatedAt();
        e.updatedBy = row.updatedBy();
    }
}
