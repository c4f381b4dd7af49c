package dev.clockwork.engine;

import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.store.ClusterStore;
import dev.clockwork.store.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Deletes ended executions fired longer ago than {@code clockwork.history.keep}, keeping each task's latest
 * {@code clockwork.history.keep-last}, on the one node that holds the {@code history-retention} chore. It walks the
 * tasks in id order, one task's rows at a time through its key, and deletes at most {@link #BATCH} rows per
 * transaction, so that a purge never holds many rows or scans the table while claims go on.
 */
@ApplicationScoped
public class PurgeOldExecutions {

    private static final Logger LOG = Logger.getLogger(PurgeOldExecutions.class.getName());
    static final String CHORE = "history-retention";
    /** Most executions one transaction deletes. */
    static final int BATCH = 1000;
    /** Tasks read per step of the walk. */
    static final int TASKS = 100;
    /** How long one purge holds the chore: other nodes skip it meanwhile. */
    static final Duration HOLD = Duration.ofMinutes(10);

    @Inject
    TaskStore tasks;
    @Inject
    ClusterStore cluster;
    @Inject
    Clock clock;
    @Inject
    EngineConfig config;
    @Inject
    NodeIdentity node;

    /** The last task whose old executions are all gone in this walk; the next batch goes on after it. */
    private volatile long walkedTo;

    /** What one batch did. */
    public record Batch(int deleted, boolean more) {
        static final Batch NOTHING = new Batch(0, false);
    }

    /** One batch, if this node holds the chore; {@code more} until the walk over every task has ended. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch purgeBatch() {
        Instant now = clock.instant();
        if (!cluster.tryLock(CHORE, node.id(), now, now.plus(HOLD))) {
            return Batch.NOTHING;
        }
        Instant firedBefore = now.minus(config.historyKeep());
        int deleted = 0;
        List<Long> ids = tasks.taskIdsAfter(walkedTo, TASKS);
        for (long taskId : ids) {
            int room = BATCH - deleted;
            int gone = tasks.deleteOldExecutions(taskId, firedBefore, config.historyKeepLast(), room);
            deleted += gone;
            if (gone == room) {
                return logged(new Batch(deleted, true), firedBefore);
            }
            walkedTo = taskId;
        }
        boolean more = ids.size() == TASKS;
        if (!more) {
            walkedTo = 0;
        }
        return logged(new Batch(deleted, more), firedBefore);
    }

    private Batch logged(Batch batch, Instant firedBefore) {
        if (batch.deleted() > 0) {
            LOG.fine(() -> "Deleted " + batch.deleted() + " executions fired before " + firedBefore
                    + " (clockwork.history.keep " + config.historyKeep() + ", keep-last " + config.historyKeepLast()
                    + ")");
        }
        return batch;
    }
}
