package dev.clockwork.store;

import dev.clockwork.api.Page;
import dev.clockwork.api.TaskQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tasks and executions in the shared database. Write methods must run inside a transaction the caller owns; each
 * is one or a few statements, so callers keep their transactions short.
 */
public interface TaskStore {

    /** Inserts a new task; returns it with its id and version. Returns empty when the name is already taken. */
    Optional<TaskRow> insert(TaskRow task);

    Optional<TaskRow> findByName(String name);

    Optional<TaskRow> findById(long id);

    Page<TaskRow> list(TaskQuery query);

    /**
     * Writes a changed task if nobody changed it since {@code task.version()} was read.
     *
     * @return the stored task with its new version, or empty when another writer won
     */
    Optional<TaskRow> update(TaskRow task);

    /** Deletes a task and its executions; false when there was no such task. */
    boolean delete(String name);

    /**
     * Locks up to {@code limit} scheduled tasks due at {@code now}, highest priority first, then earliest fire time.
     * Rows locked by another transaction are skipped, not waited for. The locks last until the caller's transaction
     * ends.
     */
    List<TaskRow> lockDue(Instant now, int limit);

    /** The earliest next fire time of any scheduled task, to wake the dispatcher precisely. */
    Optional<Instant> earliestNextFire();

    /** Inserts an execution; returns its id. */
    long insertExecution(ExecutionRow execution);

    /**
     * Marks a queued execution of {@code node} as running; false when it is no longer queued or no longer the
     * node's (reassigned after the node was declared dead): the node must then not run it.
     */
    boolean markRunning(long executionId, String node, Instant startedAt);

    /**
     * Records how an execution of {@code node} ended and the task's last status. Returns false when the execution
     * no longer exists, is not running, or is no longer the node's (its task was deleted, or the node was declared
     * dead meanwhile and the outcome must be ignored).
     */
    boolean finish(ExecutionOutcome outcome, String node);

    Page<ExecutionRow> executions(long taskId, int offset, int limit);

    Optional<ExecutionRow> execution(long id);

    /** Whether the database answers. */
    boolean isReachable();
}
