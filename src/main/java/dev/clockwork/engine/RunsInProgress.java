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
 * The runs in progress of tasks a claim locked, for their overlap policy, where the claim's own transaction cannot
 * read them ({@link TaskStore#snapshotPerTransaction}): MariaDB's claim transaction reads a snapshot taken before the
 * locks (at its first query), which would not show a run another node claimed just before this claim locked the
 * task. This transaction of its own starts after the locks: any claim committed before them is in its view, and none
 * of a locked task can commit after them.
 */
@ApplicationScoped
public class RunsInProgress {

    @Inject
    TaskStore store;

    /** The runs in progress of the tasks {@code taskIds}, by task id, in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<Long, List<RunInProgress>> of(List<Long> taskIds) {
        return byTask(store.runsInProgress(taskIds));
    }

    static Map<Long, List<RunInProgress>> byTask(List<RunInProgress> runs) {
        return runs.stream().collect(Collectors.groupingBy(RunInProgress::taskId));
    }
}
