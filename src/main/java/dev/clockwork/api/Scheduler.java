package dev.clockwork.api;

import java.util.List;
import java.util.Optional;

/**
 * Schedules and steers tasks. Inject it anywhere: {@code @Inject Scheduler scheduler;}.
 *
 * <p>Every method works on the shared database: a task scheduled on one node fires on whichever node claims it.
 * Every method that takes input throws {@link SchedulerException} when it cannot be carried out: bad trigger, bad
 * zone or name ({@link SchedulerException.Reason#INVALID}, with the field), an unknown task
 * ({@link SchedulerException.Reason#NOT_FOUND}), a duplicate name ({@link SchedulerException.Reason#CONFLICT}).
 */
public interface Scheduler {

    /**
     * Creates a task and schedules its first fire.
     *
     * @throws SchedulerException INVALID for bad input, CONFLICT when the name is taken
     */
    TaskInfo schedule(TaskSpec spec);

    /** Shorthand for {@link #schedule(TaskSpec)} with the default zone and priority 0; {@code argsJson} may be null. */
    default TaskInfo schedule(String name, String trigger, String action, String argsJson) {
        TaskSpec.Builder builder = TaskSpec.builder(name).trigger(trigger).action(action);
        if (argsJson != null) {
            builder.argsJson(argsJson);
        }
        return schedule(builder.build());
    }

    /** The task of that name, if there is one. */
    Optional<TaskInfo> find(String name);

    /** A page of tasks, ordered by name. */
    Page<TaskInfo> list(TaskQuery query);

    /**
     * Replaces a task's definition (trigger, zone, action, arguments, priority, description) and computes its next
     * fire from now. The name cannot change. A paused task stays paused.
     */
    TaskInfo update(TaskSpec spec);

    /** Gives a task a new trigger, keeping everything else; its next fire is computed from now. */
    TaskInfo reschedule(String name, String trigger);

    /** Stops a task from firing until {@link #resume}. Running executions finish. */
    TaskInfo pause(String name);

    /** Schedules a paused task again from now on; fire times missed while paused are skipped. */
    TaskInfo resume(String name);

    /**
     * Runs a task once now, besides its schedule (also when paused or done).
     *
     * @return the id of the new execution
     */
    long runNow(String name);

    /**
     * Runs a task once now with other arguments, besides its schedule (also when paused or done). The run is
     * recorded under a one-off task named after the task ({@code <name>.once-<suffix>}), with the task's action and
     * policies and these arguments, created {@code DONE}: a retry of the run, or another node taking it over, runs it
     * with the same arguments.
     *
     * @param argsJson the arguments as JSON, used instead of the task's
     * @return the id of the new execution
     * @throws SchedulerException NOT_FOUND for no such task, INVALID (field {@code args}) for JSON that does not
     *     parse, CONFLICT in a state that refuses a run now
     */
    long runNow(String name, String argsJson);

    /**
     * Runs an action once, as soon as a worker of this node is free, with these arguments: a one-off task named
     * {@code <action>.once-<suffix>} is created {@code DONE} and its execution recorded like any other.
     *
     * @param argsJson the arguments as JSON; null for none
     * @return the id of the new execution
     * @throws SchedulerException NOT_FOUND (field {@code action}) when no such action is deployed on this node,
     *     INVALID (field {@code args}) for JSON that does not parse
     */
    long enqueue(String action, String argsJson);

    /** The actions deployed on the live nodes of the cluster, by name, with the nodes each is deployed on. */
    List<ActionInfo> actions();

    /**
     * Stops a task for good, keeping it and its history: its waiting and queued executions end {@code CANCELLED},
     * and its running ones are interrupted and end {@code CANCELLED}.
     */
    TaskInfo cancel(String name);

    /**
     * Cancels one execution: a waiting or queued one ends {@code CANCELLED} at once; a running one is interrupted by
     * the node that runs it (within a heartbeat on another node) and ends {@code CANCELLED}.
     *
     * @return the execution after the request
     * @throws SchedulerException NOT_FOUND when there is no such execution, CONFLICT when it has already ended
     */
    ExecutionInfo cancelExecution(long id);

    /** Deletes a task and its history. */
    void delete(String name);

    /**
     * A page of a task's executions, newest fire first.
     *
     * @throws SchedulerException NOT_FOUND when there is no such task
     */
    Page<ExecutionInfo> executions(String taskName, int offset, int limit);

    /**
     * A page of executions across tasks, newest fire first, filtered by task, status, node and fire time. An unknown
     * task name matches nothing (an empty page, not an error).
     */
    Page<ExecutionInfo> executions(ExecutionQuery query);

    /** One execution by id. */
    Optional<ExecutionInfo> execution(long id);
}
