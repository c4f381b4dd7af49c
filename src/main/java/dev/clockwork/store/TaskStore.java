package dev.clockwork.store;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionQuery;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.Page;
import dev.clockwork.api.TaskQuery;
import dev.clockwork.api.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tasks and executions in the shared database. Write methods must run inside a transaction the caller owns; each
 * is one or a few statements, so callers keep their transactions short.
 */
public interface TaskStore {

    /**
     * Most ids one of the stores' statements names, which keeps its text and its parameters far below every
     * database's limits; a longer list takes a statement per slice. The engine sizes its batches of claims and
     * outcomes by it.
     */
    int MOST_IDS = 1_000;

    /**
     * Inserts a new task; returns it with its id and version. Returns empty when the name is already taken; when
     * another transaction took it at the same time, the caller's transaction is then marked for rollback.
     */
    Optional<TaskRow> insert(TaskRow task);

    Optional<TaskRow> findByName(String name);

    Optional<TaskRow> findById(long id);

    Page<TaskRow> list(TaskQuery query);

    /**
     * The status of each task's latest ended execution (latest fire time, then attempt), by task id; a task that has
     * never ended a run is left out. Read from the executions, for views: a run's end writes no task row.
     */
    Map<Long, ExecutionStatus> lastStatuses(Collection<Long> taskIds);

    /**
     * Writes a changed task if nobody changed it since {@code task.version()} was read.
     *
     * @return the stored task with its new version, or empty when another writer won
     */
    Optional<TaskRow> update(TaskRow task);

    /**
     * Takes a scheduled task out of the schedule: state {@code ERROR} with {@code reason}, no next fire. One statement
     * that names no other column, so that it works on a row whose other values this version cannot use.
     *
     * @return whether the task was scheduled and is now in ERROR
     */
    boolean putInError(long taskId, String reason);

    /** Deletes a task and its executions; false when there was no such task. */
    boolean delete(String name);

    /**
     * Locks up to {@code limit} scheduled tasks due at {@code now}, highest priority first, then earliest fire time.
     * Rows locked by another transaction are skipped, not waited for. The locks last until the caller's transaction
     * ends.
     */
    List<TaskRow> lockDue(Instant now, int limit);

    /**
     * The earliest next fire time of any scheduled task, or due time of a retry waiting for a task that is not
     * paused, to wake the dispatcher precisely.
     */
    Optional<Instant> earliestNextFire();

    /**
     * Locks up to {@code limit} retries WAITING and due at {@code now} whose task is neither paused nor cancelled,
     * earliest due first. Rows locked by another transaction are skipped, not waited for; the locks last until the
     * caller's transaction ends.
     */
    List<ExecutionRow> lockDueRetries(Instant now, int limit);

    /**
     * Claims retries this transaction locked with {@link #lockDueRetries} for {@code node}: those in {@code running}
     * as RUNNING from {@code now} (a worker is free), the others QUEUED.
     */
    void claimRetries(List<ExecutionRow> retries, Set<Long> running, String node, Instant now);

    /**
     * The runs in progress (queued or running on any node) of the tasks {@code taskIds}, by their {@code cw_run} rows,
     * oldest first.
     */
    List<RunInProgress> runsInProgress(List<Long> taskIds);

    /**
     * Whether a transaction's plain reads see a snapshot taken at its first query (MariaDB's REPEATABLE READ) rather
     * than what was committed before each statement: such a transaction does not see rows committed after its first
     * query, even those of a task it locked later.
     */
    boolean snapshotPerTransaction();

    /** The unfinished (QUEUED or RUNNING) executions that {@code node} holds, by its {@code cw_run} rows. */
    List<ExecutionRow> claimedBy(String node);

    /**
     * Cancels the executions of a task that no node runs yet, for {@code reason}, as {@link #cancelExecutions} does:
     * retries waiting and fires queued end CANCELLED at {@code at}; a node that took a queued one from its queue
     * finds it no longer queued and does not run it.
     *
     * @return how many were cancelled
     */
    int cancelUnstarted(long taskId, String reason, Instant at);

    /**
     * Cancels executions for {@code reason}: those waiting or queued end CANCELLED at {@code at} (a node that took a
     * queued one from its queue finds it no longer queued and does not run it); for those running, the cancel is
     * written beside the run in {@code cw_run}, for the node that runs it to interrupt it ({@link #cancelRequests}).
     * Ended executions are left as they are.
     *
     * @return the ids of the running executions whose cancel was requested
     */
    List<Long> cancelExecutions(List<Long> executionIds, String reason, Instant at);

    /** The cancels requested for runs that {@code node} holds: execution id to reason. */
    Map<Long, String> cancelRequests(String node);

    /** Inserts an execution; returns its id. */
    long insertExecution(ExecutionRow execution);

    /** Ids of tasks above {@code afterId}, in id order, at most {@code limit}: the history retention walks them. */
    List<Long> taskIdsAfter(long afterId, int limit);

    /**
     * Deletes up to {@code most} ended executions of a task fired before {@code firedBefore}, always keeping its
     * latest {@code keepLast} executions (by fire time, then attempt) however old. Each statement reads only that
     * task's rows, through the {@code (task_id, fire_time, attempt)} key.
     *
     * @return how many it deleted; fewer than {@code most} means none of this task's are left to delete
     */
    int deleteOldExecutions(long taskId, Instant firedBefore, int keepLast, int most);

    /**
     * Records claims of tasks this transaction locked with {@link #lockDue}: writes each advanced task and inserts
     * its execution, each kind of write as one batch.
     *
     * @return the new executions' ids, in the order of {@code claims}
     * @throws IllegalStateException when a task is not the locked version
     */
    List<Long> recordClaims(List<ClaimedFireRows> claims);

    /**
     * Writes a changed schedule of a task this transaction holds locked (a lost execution's task); sent when the
     * transaction commits.
     */
    void reschedule(TaskRow task);

    /**
     * Marks queued executions of {@code node} as running. Leaves out, and does not return, an execution that is no
     * longer queued or no longer the node's (cancelled, or reassigned after the node was declared dead): the node
     * must then not run it.
     *
     * @return the ids of the executions marked running
     */
    Set<Long> markRunning(List<Long> executionIds, String node, Instant startedAt);

    /**
     * Puts executions of {@code node} that were marked running when claimed but never started back to queued, so
     * that whoever takes them over runs them as the same attempt.
     */
    void unmarkRunning(List<Long> executionIds, String node);

    /**
     * Records how executions of {@code node} ended, in one transaction. Only the tasks of outcomes that may move
     * their schedule ({@link ExecutionOutcome#movesSchedule}) are locked, first, in id order, then the execution rows
     * (the order in which claims and deletes take them); the other outcomes write their execution and run rows alone.
     * Leaves out, and does not return, an execution that no longer exists, is not running, or is no longer the
     * node's (its task was deleted, or the node was declared dead meanwhile and the outcome must be ignored).
     * For each recorded outcome that may move its schedule, {@code afterRun} says what the run's end does to the
     * task; the task rows that change are written once each.
     *
     * @return the outcomes recorded
     */
    List<ExecutionOutcome> finishAll(List<ExecutionOutcome> outcomes, String node, AfterRun afterRun);

    /** What the end of a run does to its task's schedule. */
    @FunctionalInterface
    interface AfterRun {
        /**
         * The task, locked, after a run of {@code kind} ended at {@code endedAt}; empty when its schedule stays as
         * it is.
         */
        Optional<TaskRow> after(TaskRow task, ExecutionKind kind, Instant endedAt);
    }

    Page<ExecutionRow> executions(long taskId, int offset, int limit);

    /** How many tasks are in each state; a state with none is left out. */
    Map<TaskState, Long> countByState();

    /** How many executions fired at or after {@code firedFrom} are in each status; a status with none is left out. */
    Map<ExecutionStatus, Long> countByStatus(Instant firedFrom);

    /**
     * The lateness of scheduled first attempts fired at or after {@code firedFrom} (from fire time to start) at
     * each quantile (0-1), by the nearest rank; empty when none has started.
     */
    List<Duration> latenessQuantiles(Instant firedFrom, List<Double> quantiles);

    /** A page of the executions the query asks for, newest fire first (then attempt, then id). */
    Page<ExecutionRow> executions(ExecutionQuery query);

    Optional<ExecutionRow> execution(long id);

    /**
     * Waits for the lock row of the declared tasks' reconciliation and holds it until the caller's transaction ends,
     * so that nodes deploying at once reconcile one after the other.
     */
    void lockDeclarations();

    /** Every task that carries a declaration, declared now or once. */
    List<Declaration> declarations();

    /** The declarations of those tasks that carry one, by task id. */
    Map<Long, Declaration> declarations(Collection<Long> taskIds);

    /** Marks a task declared by the declaration with this fingerprint. */
    void markDeclared(long taskId, String fingerprint);

    /** Marks a task no longer declared, keeping the fingerprint of its last declaration. */
    void markUndeclared(long taskId);

    /** Whether the database answers. */
    boolean isReachable();
}
