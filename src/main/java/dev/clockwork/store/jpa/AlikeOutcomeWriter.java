package dev.clockwork.store.jpa;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.store.ExecutionOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Locks the executions by id, then writes the outcomes that ended alike with one {@code UPDATE} and {@code CASE}
 * lists for their times: for MySQL and MariaDB, which parse every statement of a batch anew.
 */
final class AlikeOutcomeWriter implements OutcomeWriter {

    /**
     * Ends executions whose outcomes share their status and texts, each with its own start and end (the CASE lists
     * that follow).
     */
    private static final String FINISH_EXECUTIONS_ALIKE = "UPDATE cw_execution SET status = ?, result = ?,"
            + " error = ?, stack_trace = ?, report = ?, started_at = CASE id";

    /**
     * Writes the outcomes of those executions that are still running on {@code node}, one statement per group of
     * outcomes that differ only in their times. The executions are locked first, in id order, by id alone, and
     * checked here. Returns the outcomes written.
     */
    @Override
    public List<ExecutionOutcome> write(Connection connection, List<ExecutionOutcome> outcomes, String node)
            throws SQLException {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        Set<Long> running = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, status, node FROM cw_execution"
                + " WHERE id IN (" + JdbcRows.idList(outcomes.stream().map(ExecutionOutcome::executionId).toList())
                + ") ORDER BY id FOR UPDATE");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (ExecutionStatus.RUNNING.name().equals(rows.getString(2)) && node.equals(rows.getString(3))) {
                    running.add(rows.getLong(1));
                }
            }
        }
        List<ExecutionOutcome> written = outcomes.stream()
                .filter(outcome -> running.contains(outcome.executionId())).toList();
        record Ended(ExecutionStatus status, Optional<String> result, Optional<String> error,
                     Optional<String> stackTrace, Optional<String> report) {
        }
        Map<Ended, List<ExecutionOutcome>> alike = new LinkedHashMap<>();
        for (ExecutionOutcome outcome : written) {
            alike.computeIfAbsent(new Ended(outcome.status(), outcome.result(), outcome.error(), outcome.stackTrace(),
                    outcome.report()), ended -> new ArrayList<>()).add(outcome);
        }
        for (Map.Entry<Ended, List<ExecutionOutcome>> group : alike.entrySet()) {
            Ended ended = group.getKey();
            for (List<ExecutionOutcome> slice : JdbcRows.slices(group.getValue())) {
                String whens = String.join(" ", Collections.nCopies(slice.size(), "WHEN ? THEN ?"));
                try (PreparedStatement update = connection.prepareStatement(FINISH_EXECUTIONS_ALIKE + " " + whens
                        + " END, finished_at = CASE id " + whens + " END WHERE id IN ("
                        + JdbcRows.idList(slice.stream().map(ExecutionOutcome::executionId).toList()) + ")")) {
                    update.setString(1, ended.status().name());
                    JdbcRows.setString(update, 2, ended.result());
                    JdbcRows.setString(update, 3, ended.error());
                    JdbcRows.setString(update, 4, ended.stackTrace());
                    JdbcRows.setString(update, 5, ended.report());
                    int index = 6;
                    for (ExecutionOutcome run : slice) {
                        update.setLong(index++, run.executionId());
                        update.setLong(index++, InstantConverter.toMicros(run.startedAt()));
                    }
                    for (ExecutionOutcome run : slice) {
                        update.setLong(index++, run.executionId());
                        update.setLong(index++, InstantConverter.toMicros(run.finishedAt()));
                    }
                    int count = update.executeUpdate();
                    if (count != slice.size()) {
                        throw new IllegalStateException(count + " of the " + slice.size() + " executions locked to"
                                + " record their outcomes were written (among them "
                                + slice.stream().map(ExecutionOutcome::executionId).limit(10).toList() + ")");
                    }
                }
            }
        }
        return written;
    }
}
