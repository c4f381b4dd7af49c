package dev.clockwork.store;

import java.util.Objects;

/**
 * The mark a {@code @Recurring} declaration leaves on its task.
 *
 * @param fingerprint the fingerprint of the declaration a deployment applied last
 * @param declared whether the last deployment that reconciled still had the declaration; false once it is gone from
 *     the code (the task was then paused)
 */
public record Declaration(long taskId, String taskName, String fingerprint, boolean declared) {

    public Declaration {
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
