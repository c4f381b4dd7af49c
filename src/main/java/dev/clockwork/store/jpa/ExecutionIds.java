package dev.clockwork.store.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Ids for the executions a claim inserts: blocks of {@value #BLOCK} taken from {@code cw_id_block} in transactions
 * of their own, rare next to the claims they serve, so taking a block costs the hot path next to nothing
 * (docs/decisions/004-ids-from-a-table.md). A node that stops leaves the rest of its block unused.
 */
@ApplicationScoped
public class ExecutionIds {

    static final int BLOCK = 10_000;

    @Inject
    IdBlockTable table;

    /** Guarded by this: the next id to hand out and the last of the current block. */
    private long next = 1;
    private long last;

    /** {@code count} unused execution ids. */
    public synchronized List<Long> take(int count) {
        List<Long> ids = new ArrayList<>(count);
        while (ids.size() < count) {
            if (next > last) {
                last = table.take(ExecutionEntity.ID_NAME, BLOCK);
                next = last - BLOCK + 1;
            }
            ids.add(next++);
        }
        return ids;
    }
}
