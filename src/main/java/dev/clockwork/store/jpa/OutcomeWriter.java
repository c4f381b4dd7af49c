package dev.clockwork.store.jpa;

import dev.clockwork.store.ExecutionOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes how executions ended, the way a database takes it fastest (each dialect names its writer,
 * docs/decisions/015-outcome-group-commits.md).
 */
interface OutcomeWriter {

    /**
     * Writes the outcomes, given in execution id order, of those executions that are still running on {@code node};
     * an execution that is gone, ended, or another node's is left out.
     *
     * @return the outcomes written
     */
    List<ExecutionOutcome> write(Connection connection, List<ExecutionOutcome> outcomes, String node)
            throws SQLException;
}
