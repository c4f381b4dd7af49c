package dev.clockwork.store;

import dev.clockwork.api.AuditEntry;
import dev.clockwork.api.AuditQuery;
import dev.clockwork.api.Page;
import java.time.Instant;

/** The audit log. {@link #append} runs inside the caller's transaction, so an entry commits with its change. */
public interface AuditStore {

    /** Adds an entry (its id is allocated here). */
    void append(AuditEntry entry);

    /** A page of entries, newest first (by time, then id). */
    Page<AuditEntry> find(AuditQuery query);

    /**
     * Deletes up to {@code most} entries older than {@code olderThan}.
     *
     * @return how many were deleted; fewer than {@code most} when no older ones remain
     */
    int deleteOlderThan(Instant olderThan, int most);
}
