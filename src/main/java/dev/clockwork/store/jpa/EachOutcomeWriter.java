package dev.clockwork.store.jpa;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.store.ExecutionOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes each outcome with a prepared update of its own, in one batch, whose condition decides (no read first):
 * for databases that keep a prepared statement planned (PostgreSQL, H2).
 */
final class EachOutcomeWriter implements OutcomeWriter {

    /** Ends one execution if it still runs on the node. */
    private static final String FINISH_EXECUTION = "UPDATE cw_execution SET status = ?, started_at = ?,"
            + " finished_at = ?, result = ?, error = ?, stack_trace = ?, report = ?"
            + " WHERE id = ? AND status = ? AND node = ?";

    /**
     * Writes the outcomes, in execution id order, of those executions that are still running on {@code node}, a
     * statement each in one batch; the update's own condition decides, and locks, so no read comes before it.
     * Returns the outcomes written.
     */
    @Override
    public List<ExecutionOutcome> write(Connection connection, List<ExecutionOutcome> outcomes, String node)
            throws SQLException {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        int[] counts;
        try (PreparedStatement update = connection.prepareStatement(FINISH_EXECUTION)) {
            for (ExecutionOutcome outcome : outcomes) {
                update.setString(1, outcome.status().name());
                update.setLong(2, InstantConverter.toMicros(outcome.startedAt()));
                update.setLong(3, InstantConverter.toMicros(outcome.finishedAt()));
                update.setString(4, outcome.result().orElse(null));
                update.setString(5, outcome.error().orElse(null));
                update.setString(6, outcome.stackTrace().orElse(null));
                update.setString(7, outcome.report().orElse(null));
                update.setLong(8, outcome.executionId());
                update.setString(9, ExecutionStatus.RUNNING.name());
                update.setString(10, node);
                update.addBatch();
            }
            counts = update.executeBatch();
        }
        List<ExecutionOutcome> written = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException("The JDBC driver did not tell which executions it updated; Clockwork"
                        + " needs update counts from batches");
            }
            if (counts[i] > 0) {
                written.add(outcomes.get(i));
            }
        }
        return written;
    }
}
