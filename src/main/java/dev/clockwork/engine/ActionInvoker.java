package dev.clockwork.engine;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.RunTimedOutException;
import dev.clockwork.api.TaskAction;
import dev.clockwork.engine.rules.Bounded;
import dev.clockwork.store.ExecutionOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs a claimed fire's action and turns how it ended into an outcome: its result as text (JSON-B for anything but
 * a string), or its error and stack trace, and the lines it reported, each cut to what its column holds.
 */
@ApplicationScoped
public class ActionInvoker {

    @Inject
    ActionRegistry actions;
    @Inject
    NodeIdentity node;
    @Inject
    Clock clock;
    @Inject
    Jsonb jsonb;

    /**
     * Runs the fire's action on the caller's thread, started at {@code started}; the outcome says how it ended. An
     * exception or error of the action's own code ends it FAILED and never leaves this method.
     */
    ExecutionOutcome execute(ClaimedFire fire, Instant started) {
        return run(fire, started).outcome();
    }

    /**
     * Runs the fire's action as {@link #execute} does; an action that returned a {@link CommitWithOutcome} ends
     * SUCCEEDED with no result yet, and its step comes with the outcome, for the transaction that records it.
     */
    Ran run(ClaimedFire fire, Instant started) {
        RunContext context = new RunContext(fire, jsonb);
        Throwable failure;
        try {
            Optional<Object> result = actions.withAction(fire.action(), action -> invoke(action, context));
            if (result.isEmpty()) {
                return new Ran(outcome(fire, ExecutionStatus.ACTION_NOT_FOUND, started, Optional.empty(),
                        Optional.of(actions.notFoundMessage(fire.action(), node.id())), Optional.empty(), context),
                        Optional.empty());
            }
            if (result.get() instanceof CommitWithOutcome step) {
                return new Ran(outcome(fire, ExecutionStatus.SUCCEEDED, started, Optional.empty(), Optional.empty(),
                        Optional.empty(), context), Optional.of(step));
            }
            return new Ran(outcome(fire, ExecutionStatus.SUCCEEDED, started, resultText(result.get()),
                    Optional.empty(), Optional.empty(), context), Optional.empty());
        } catch (ActionFailure e) {
            failure = e.getCause();
        } catch (RuntimeException e) {
            // E.g. a result JSON-B cannot write: the action ran, but its outcome cannot be kept as it is.
            failure = e;
        }
        if (failure instanceof RunTimedOutException) {
            // The action's own limit (e.g. the celery action's await): the stack trace says nothing of interest.
            return new Ran(outcome(fire, ExecutionStatus.TIMED_OUT, started, Optional.empty(),
                    Optional.of(Bounded.error(failure)), Optional.empty(), context), Optional.empty());
        }
        return new Ran(outcome(fire, ExecutionStatus.FAILED, started, Optional.empty(),
                Optional.of(Bounded.error(failure)), Optional.of(Bounded.stackTrace(failure)), context),
                Optional.empty());
    }

    /** How a run ended and, for an action that returned one, the step to commit with its outcome. */
    record Ran(ExecutionOutcome outcome, Optional<CommitWithOutcome> step) {
    }

    private static Object invoke(TaskAction action, RunContext context) {
        try {
            Object result = action.run(context);
            return result == null ? NoResult.INSTANCE : result;
        } catch (Exception | StackOverflowError | AssertionError | LinkageError e) {
            // Errors an action's own code causes fail the execution; they must not end a worker thread.
            throw new ActionFailure(e);
        }
    }

    private Optional<String> resultText(Object result) {
        if (result == NoResult.INSTANCE) {
            return Optional.empty();
        }
        String text = result instanceof String s ? s : jsonb.toJson(result);
        return Optional.of(Bounded.text(text, Bounded.RESULT));
    }

    private ExecutionOutcome outcome(ClaimedFire fire, ExecutionStatus status, Instant started,
                                     Optional<String> result, Optional<String> error, Optional<String> stackTrace,
                                     RunContext context) {
        return new ExecutionOutcome(fire.executionId(), fire.taskId(), fire.kind(), fire.endMovesSchedule(), status,
                started, clock.instant(), result, error, stackTrace, Bounded.report(context.lines()));
    }

    /** An action's exception, carried out of the lambda that ran it. */
    private static final class ActionFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ActionFailure(Throwable cause) {
            super(cause);
        }
    }

    /** Stands for a null result, which {@link Optional} cannot carry. */
    private enum NoResult {
        INSTANCE
    }
}
