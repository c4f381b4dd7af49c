package dev.clockwork.engine.rules;

import dev.clockwork.store.TaskRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit log's short before-to-after summary of a change to a task. Arguments are never shown, only that they
 * changed: they may hold secrets (a token for an HTTP call).
 */
public final class TaskChanges {

    /** The longest value shown; longer ones are cut with an ellipsis. */
    static final int MOST_SHOWN = 80;

    private TaskChanges() {
    }

    /** What a new task is: "trigger every 1h, zone UTC, action noop, priority 0". */
    public static String created(TaskRow task) {
        return "trigger " + shown(task.trigger()) + ", zone " + task.zone() + ", action " + shown(task.action())
                + ", priority " + task.priority() + (task.args().isPresent() ? ", with args" : "");
    }

    /** Each field that differs, as "field before → after", joined by "; "; "no change" when none does. */
    public static String between(TaskRow before, TaskRow after) {
        List<String> changes = new ArrayList<>();
        field(changes, "state", before.state().name(), after.state().name());
        field(changes, "trigger", before.trigger(), after.trigger());
        field(changes, "zone", before.zone(), after.zone());
        field(changes, "action", before.action(), after.action());
        field(changes, "priority", Integer.toString(before.priority()), Integer.toString(after.priority()));
        field(changes, "description", before.description().orElse(""), after.description().orElse(""));
        if (!before.args().equals(after.args())) {
            changes.add("args changed");
        }
        return changes.isEmpty() ? "no change" : String.join("; ", changes);
    }

    private static void field(List<String> changes, String name, String before, String after) {
        if (!before.equals(after)) {
            changes.add(name + " " + shown(before) + " → " + shown(after));
        }
    }

    private static String shown(String value) {
        String text = Optional.ofNullable(value).filter(v -> !v.isEmpty()).orElse("(none)");
        return text.length() <= MOST_SHOWN ? text : text.substring(0, MOST_SHOWN - 1) + "…";
    }
}
