package dev.clockwork.api;

/**
 * Thrown by an action that gave up waiting within a limit of its own (e.g. the {@code celery} action's
 * {@code await}): the execution ends {@link ExecutionStatus#TIMED_OUT}, not {@code FAILED}, with this message as its
 * error, and is retried by the task's retry policy like any timeout.
 */
public class RunTimedOutException extends Exception {

    private static final long serialVersionUID = 1L;

    public RunTimedOutException(String message) {
        super(message);
    }
}
