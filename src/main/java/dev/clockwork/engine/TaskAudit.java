package dev.clockwork.engine;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.engine.rules.TaskChanges;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.TaskRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The audit entries of task changes, one call per change, in the transaction of the change. */
@ApplicationScoped
public class TaskAudit {

    @Inject
    AuditTrail trail;

    void created(TaskRow task) {
        trail.record("task.create", task.name(), TaskChanges.created(task));
    }

    /** {@code command} is what was done: update, pause, resume, cancel. */
    void changed(String command, TaskRow before, TaskRow after) {
        trail.record("task." + command, before.name(), TaskChanges.between(before, after));
    }

    void deleted(String name) {
        trail.record("task.delete", name, "deleted with its executions");
    }

    void executionCancelled(ExecutionRow execution) {
        trail.record("execution.cancel", execution.taskName(), "execution " + execution.id() + " (fire "
                + execution.fireTime() + ", attempt " + execution.attempt() + ") " + execution.status() + " → "
                + (execution.status() == ExecutionStatus.RUNNING ? "cancel requested" : "CANCELLED"));
    }

    void ranNow(TaskRow task, long executionId) {
        trail.record("task.run", task.name(), "execution " + executionId + " started now, besides the schedule");
    }
}
