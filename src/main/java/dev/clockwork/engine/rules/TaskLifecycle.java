package dev.clockwork.engine.rules;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskState;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which command an operator (or code) may give a task in each state, and what it does. Delete is allowed in every
 * state. The table:
 *
 * <pre>
 *             PAUSE      RESUME     CANCEL     RUN_NOW    UPDATE
 * ACTIVE      apply      unchanged  apply      apply      apply (stays ACTIVE)
 * PAUSED      unchanged  apply      apply      apply      apply (stays PAUSED)
 * ERROR       refused    apply      apply      apply      apply (ACTIVE again)
 * DONE        refused    refused    refused    apply      apply (ACTIVE again)
 * CANCELLED   refused    refused    unchanged  refused    apply (stays CANCELLED)
 * </pre>
 *
 * A cancelled task never fires again, not even by hand; a done task has nothing left to cancel.
 */
public final class TaskLifecycle {

    /** A command that may change a task's state. */
    public enum Command {
        PAUSE("paused"), RESUME("resumed"), CANCEL("cancelled"), RUN_NOW("run now"), UPDATE("updated");

        private final String participle;

        Command(String participle) {
            this.participle = participle;
        }
    }

    /** What a command does to a task in a given state. */
    public enum Outcome {
        /** The command is carried out. */
        APPLY,
        /** The task is already where the command would take it: nothing changes, and that is no error. */
        UNCHANGED,
        /** The command makes no sense in this state: a conflict. */
        REFUSED
    }

    private static final Map<TaskState, Map<Command, Outcome>> TABLE = new EnumMap<>(TaskState.class);

    static {
        row(TaskState.ACTIVE, Outcome.APPLY, Outcome.UNCHANGED, Outcome.APPLY, Outcome.APPLY);
        row(TaskState.PAUSED, Outcome.UNCHANGED, Outcome.APPLY, Outcome.APPLY, Outcome.APPLY);
        row(TaskState.ERROR, Outcome.REFUSED, Outcome.APPLY, Outcome.APPLY, Outcome.APPLY);
        row(TaskState.DONE, Outcome.REFUSED, Outcome.REFUSED, Outcome.REFUSED, Outcome.APPLY);
        row(TaskState.CANCELLED, Outcome.REFUSED, Outcome.REFUSED, Outcome.UNCHANGED, Outcome.REFUSED);
    }

    private TaskLifecycle() {
    }

    /** What {@code command} does to a task in {@code state}. */
    public static Outcome decide(TaskState state, Command command) {
        return TABLE.get(state).get(command);
    }

    /**
     * Checks that {@code command} may be given to the named task in {@code state}.
     *
     * @return true when it must be carried out, false when the task is already where it would take it
     * @throws SchedulerException CONFLICT on the field "state", naming the states that allow the command
     */
    public static boolean check(String taskName, TaskState state, Command command) {
        Outcome outcome = decide(state, command);
        if (outcome == Outcome.REFUSED) {
            List<String> allowing = TABLE.keySet().stream()
                    .filter(each -> decide(each, command) == Outcome.APPLY).map(Enum::name).toList();
            String states = allowing.size() == 1 ? allowing.get(0) : String.join(", ",
                    allowing.subList(0, allowing.size() - 1)) + " or " + allowing.get(allowing.size() - 1);
            throw new SchedulerException(SchedulerException.Reason.CONFLICT, "state", "Task \"" + taskName + "\" is "
                    + state + " and cannot be " + command.participle + "; only a task that is " + states + " can.");
        }
        return outcome == Outcome.APPLY;
    }

    /**
     * The state a task is left in by a change of its definition: one that is paused or cancelled stays so; any
     * other is scheduled by its new trigger.
     */
    public static TaskState afterUpdate(TaskState state) {
        return state == TaskState.PAUSED || state == TaskState.CANCELLED ? state : TaskState.ACTIVE;
    }

    private static void row(TaskState state, Outcome pause, Outcome resume, Outcome cancel, Outcome runNow) {
        Map<Command, Outcome> row = new EnumMap<>(Command.class);
        row.put(Command.PAUSE, pause);
        row.put(Command.RESUME, resume);
        row.put(Command.CANCEL, cancel);
        row.put(Command.RUN_NOW, runNow);
        row.put(Command.UPDATE, Outcome.APPLY);
        TABLE.put(state, row);
    }
}
