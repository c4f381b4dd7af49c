package dev.clockwork.engine;

import java.util.Objects;

/**
 * What an action returns when its last step must commit with its run's outcome, or not at all: the engine records
 * such a run alone, in one transaction that does {@link Step#run} and then writes the outcome, so a resource the
 * step enlists (a JMS session of the server's connection factory, say) commits or rolls back with the outcome. The
 * step fails the run when it throws, and is rolled back when the outcome cannot be recorded (the execution was taken
 * over, or the database failed): nothing it did in the transaction is committed then
 * (docs/decisions/042-jms-action.md).
 */
public record CommitWithOutcome(Step step) {

    /** The work done in the outcome's transaction. */
    @FunctionalInterface
    public interface Step {
        /**
         * Runs inside the transaction that records the outcome.
         *
         * @return the execution's result text, or null for none
         * @throws Exception to fail the run; the transaction is rolled back
         */
        String run() throws Exception;
    }

    public CommitWithOutcome {
        Objects.requireNonNull(step, "step");
    }
}
