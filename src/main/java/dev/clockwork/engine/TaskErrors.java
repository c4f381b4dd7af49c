package dev.clockwork.engine;

/** The reason stored with a task the engine takes out of the schedule: what failed, and the innermost cause. */
final class TaskErrors {

    private TaskErrors() {
    }

    static String reason(String what, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return what + " (" + message + ").";
    }
}
