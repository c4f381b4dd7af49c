package dev.clockwork.store;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An execution as stored; {@code report} holds the reported lines separated by newlines.
 *
 * @param dueAt when a {@code WAITING} retry is due; kept after it was claimed, for the record
 * @param reason the policy decision behind a {@code SKIPPED} or retry execution, or who cancelled it
 */
public record ExecutionRow(long id, long taskId, String taskName, Instant fireTime, int attempt, ExecutionKind kind,
                           Optional<String> node, ExecutionStatus status, Instant claimedAt,
                           Optional<Instant> startedAt, Optional<Instant> finishedAt,
                           Optional<String> result, Optional<String> error, Optional<String> stackTrace,
                           Optional<String> report, Optional<Instant> dueAt, Optional<String> reason) {

    public ExecutionRow {
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(fireTime, "fireTime");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(reason, "reason");
    }

    /** The longest reason stored (the column's width). */
    public static final int MAX_REASON = 400;

    /** {@code reason} cut to what the column holds. */
    public static String reason(String reason) {
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…" : reason;
    }

    /** A fire that runs nothing by its task's policy, ended as claimed by {@code node}, for {@code reason}. */
    public static ExecutionRow skipped(long taskId, String taskName, Instant fireTime, String node, Instant claimedAt,
                                       String reason) {
        return new ExecutionRow(0, taskId, taskName, fireTime, 1, ExecutionKind.SCHEDULED, Optional.of(node),
                ExecutionStatus.SKIPPED, claimedAt, Optional.empty(), Optional.of(claimedAt), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(reason(reason)));
    }

    /**
     * A retry of the fire at {@code fireTime}, as attempt {@code attempt}, waiting until {@code dueAt} for any node to
     * claim it; {@code createdAt} stands in for its claim time until a node claims it.
     */
    public static ExecutionRow waiting(long taskId, String taskName, Instant fireTime, int attempt, Instant createdAt,
                                       Instant dueAt, String reason) {
        return new ExecutionRow(0, taskId, taskName, fireTime, attempt, ExecutionKind.RETRY, Optional.empty(),
                ExecutionStatus.WAITING, createdAt, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(dueAt), Optional.of(reason(reason)));
    }

    /** A new execution claimed by {@code node}, waiting for a worker. */
    public static ExecutionRow queued(long taskId, String taskName, Instant fireTime, int attempt, ExecutionKind kind,
                                      String node, Instant claimedAt) {
        return new ExecutionRow(0, taskId, taskName, fireTime, attempt, kind, Optional.of(node),
                ExecutionStatus.QUEUED, claimedAt, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** A new execution claimed by {@code node} for a worker that is free now: it counts as started when claimed. */
    public static ExecutionRow running(long taskId, String taskName, Instant fireTime, int attempt, ExecutionKind kind,
                                       String node, Instant claimedAt) {
        return new ExecutionRow(0, taskId, taskName, fireTime, attempt, kind, Optional.of(node),
                ExecutionStatus.RUNNING, claimedAt, Optional.of(claimedAt), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
