package dev.clockwork.engine;

import dev.clockwork.store.RunInProgress;
import dev.clockwork.store.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The runs in progress of tasks a claim locked, for their overlap policy. Read in a transaction of its own, started
 * after the claim locked the tasks: MariaDB's claim transaction reads a snapshot taken before the locks (at its
 * first query), which would not show a run another node claimed just before this claim locked the task. Any claim
 * committed before the lock is in this transaction's view, and none of a locked task can commit after it.
 */
@ApplicationScoped
public class RunsInProgress {

    @Inject
    TaskStore store;

    /** The runs in progress of the tasks {@code taskIds}, by task id. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<Long, List<RunInProgress>> of(List<Long> taskIds) {
        return store.runsInProgress(taskIds).stream().collect(Collectors.groupingBy(RunInProgress::taskId));
    }
}
