package dev.clockwork.store.jpa;

import dev.clockwork.api.TaskState;
import dev.clockwork.store.ExecutionOutcome;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The statements that record how runs ended, in plain JDBC on the connection of the caller's transaction: the
 * outcomes (written by the dialect's {@link OutcomeWriter}), the end of the runs in progress, and the tasks whose
 * schedule a run's end moves (docs/decisions/015-outcome-group-commits.md).
 */
final class FinishStatements {

    private static final String FINISH_TASKS = "UPDATE cw_task SET state = ?, state_reason = ?, next_fire_at = ?,"
            + " version = version + 1 WHERE id IN (";

    private FinishStatements() {
    }

    /** See {@link TaskStore#finishAll}. */
    static List<ExecutionOutcome> finishAll(Connection connection, Dialect dialect, List<ExecutionOutcome> outcomes,
                                            String node, TaskStore.AfterRun afterRun) throws SQLException {
        // Only the tasks whose schedule a run's end may move (fixed delay) are locked and read, and first: the order
        // in which a claim (locks tasks, inserts executions) and a delete (the task, then its executions by cascade)
        // take them, so none of them deadlock another. The other runs' ends write their execution and run rows
        // alone; an execution whose task was deleted is gone, and its outcome is not written.
        Map<Long, TaskRow> tasks = new LinkedHashMap<>();
        for (TaskRow task : JdbcRows.selectTasks(connection, outcomes.stream().filter(ExecutionOutcome::movesSchedule)
                .map(ExecutionOutcome::taskId).distinct().sorted().toList(), "ORDER BY id FOR UPDATE")) {
            tasks.put(task.id(), task);
        }
        Map<Long, ExecutionOutcome> byExecution = new TreeMap<>();
        outcomes.stream().filter(outcome -> !outcome.movesSchedule() || tasks.containsKey(outcome.taskId()))
                .forEach(outcome -> byExecution.putIfAbsent(outcome.executionId(), outcome));
        List<ExecutionOutcome> ordered = List.copyOf(byExecution.values());
        List<ExecutionOutcome> recorded = dialect.outcomeWriter().write(connection, ordered, node);
        endRuns(connection, recorded.stream().map(ExecutionOutcome::executionId).toList());
        Map<Long, TaskRow> locked = Map.copyOf(tasks);
        for (ExecutionOutcome outcome : recorded) {
            if (outcome.movesSchedule()) {
                TaskRow ended = tasks.get(outcome.taskId());
                afterRun.after(ended, outcome.kind(), outcome.finishedAt())
                        .ifPresent(after -> tasks.put(after.id(), after));
            }
        }
        List<TaskRow> changed = tasks.values().stream().filter(task -> !task.equals(locked.get(task.id())))
                .sorted(Comparator.comparingLong(TaskRow::id)).toList();
        record After(TaskState state, Optional<String> reason, Optional<Instant> nextFireAt) {
        }
        Map<After, List<TaskRow>> byAfter = new LinkedHashMap<>();
        for (TaskRow task : changed) {
            byAfter.computeIfAbsent(new After(task.state(), task.stateReason(), task.nextFireAt()),
                    after -> new ArrayList<>()).add(task);
        }
        for (Map.Entry<After, List<TaskRow>> group : byAfter.entrySet()) {
            After after = group.getKey();
            JdbcRows.updateEach(connection, FINISH_TASKS, group.getValue(), "finished", update -> {
                update.setString(1, after.state().name());
                JdbcRows.setString(update, 2, after.reason());
                JdbcRows.setInstant(update, 3, after.nextFireAt());
            });
        }
        return recorded;
    }

    /**
     * Deletes the {@code cw_run} rows of executions that ended, after their outcomes: the order of the claim, which
     * inserts the execution and then its run.
     */
    private static void endRuns(Connection connection, List<Long> executionIds) throws SQLException {
        for (List<Long> slice : JdbcRows.slices(executionIds)) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM cw_run WHERE execution_id IN ("
                    + JdbcRows.idList(slice) + ")")) {
                delete.executeUpdate();
            }
        }
    }
}
