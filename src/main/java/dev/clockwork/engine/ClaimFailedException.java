package dev.clockwork.engine;

import java.util.List;

/** A claim transaction failed and was rolled back; names the tasks it was claiming, so a lone culprit can be found. */
public class ClaimFailedException extends RuntimeException {

    private final List<Long> taskIds;

    public ClaimFailedException(List<Long> taskIds, Throwable cause) {
        super("Claiming " + taskIds.size() + " due tasks failed (task ids " + taskIds.stream().limit(10).toList()
                + (taskIds.size() > 10 ? ", ..." : "") + "): " + cause, cause);
        this.taskIds = List.copyOf(taskIds);
    }

    /** The tasks the failed claim was recording, in claim order. */
    public List<Long> taskIds() {
        return taskIds;
    }
}
