package dev.clockwork.store.jpa;

import dev.clockwork.store.ExecutionOutcome;
import dev.clockwork.store.ExecutionRow;
import java.util.Optional;

/** Copies between {@link ExecutionRow}/{@link ExecutionOutcome} and {@link ExecutionEntity}. */
final class ExecutionRows {

    private ExecutionRows() {
    }

    static ExecutionRow toRow(ExecutionEntity e) {
        return new ExecutionRow(e.id, e.taskId, e.taskName, e.fireTime, e.attempt, e.kind, Optional.ofNullable(e.node),
                e.status, e.claimedAt, Optional.ofNullable(e.startedAt),
                Optional.ofNullable(e.finishedAt), Optional.ofNullable(e.result), Optional.ofNullable(e.error),
                Optional.ofNullable(e.stackTrace), Optional.ofNullable(e.report), Optional.ofNullable(e.dueAt),
                Optional.ofNullable(e.reason));
    }

    static ExecutionEntity toEntity(ExecutionRow row) {
        ExecutionEntity e = new ExecutionEntity();
        e.taskId = row.taskId();
        e.taskName = row.taskName();
        e.fireTime = row.fireTime();
        e.attempt = row.attempt();
        e.kind = row.kind();
        e.node = row.node().orElse(null);
        e.status = row.status();
        e.claimedAt = row.claimedAt();
        e.startedAt = row.startedAt().orElse(null);
        e.finishedAt = row.finishedAt().orElse(null);
        e.result = row.result().orElse(null);
        e.error = row.error().orElse(null);
        e.stackTrace = row.stackTrace().orElse(null);
        e.report = row.report().orElse(null);
        e.dueAt = row.dueAt().orElse(null);
        e.reason = row.reason().orElse(null);
        return e;
    }

    static void apply(ExecutionOutcome outcome, ExecutionEntity e) {
        e.status = outcome.status();
        e.startedAt = outcome.startedAt();
        e.finishedAt = outcome.finishedAt();
        e.result = outcome.result().orElse(null);
        e.error = outcome.error().orElse(null);
        e.stackTrace = outcome.stackTrace().orElse(null);
        e.report = outcome.report().orElse(null);
    }
}
