package dev.clockwork.store;

import java.util.Optional;

/** Copies between {@link TaskRow} and {@link TaskEntity}. */
final class TaskRows {

    private TaskRows() {
    }

    /** The task as stored. */
    static TaskRow toRow(TaskEntity e) {
        return new TaskRow(e.id, e.name, e.trigger, e.zone, e.action, Optional.ofNullable(e.args), e.priority,
                e.state, Optional.ofNullable(e.stateReason), Optional.ofNullable(e.description), e.anchorAt, Optional.ofNullable(e.nextFireAt),
                e.fireCount, Optional.ofNullable(e.lastFireAt), e.maxAttempts,
                e.createdAt, e.createdBy, e.updatedAt, e.updatedBy, e.version);
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
        e.maxAttempts = row.maxAttempts();
        e.createdAt = row.createdAt();
        e.createdBy = row.createdBy();
        e.updatedAt = row.updatedAt();
        e.updatedBy = row.updatedBy();
    }
}
