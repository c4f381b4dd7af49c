package dev.clockwork.engine;

import dev.clockwork.engine.rules.SecurityConfig;
import dev.clockwork.store.AuditStore;
import dev.clockwork.store.ClusterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Deletes audit entries older than {@code clockwork.audit.retention}, on the one node that holds the
 * {@code audit-retention} chore, in batches so that no transaction holds many rows.
 */
@ApplicationScoped
public class PurgeOldAuditEntries {

    private static final Logger LOG = Logger.getLogger(PurgeOldAuditEntries.class.getName());
    static final String CHORE = "audit-retention";
    /** Most entries one transaction deletes. */
    static final int BATCH = 5000;
    /** How long one purge holds the chore: other nodes skip it meanwhile. */
    static final Duration HOLD = Duration.ofMinutes(10);

    @Inject
    AuditStore audit;
    @Inject
    ClusterStore cluster;
    @Inject
    Clock clock;
    @Inject
    SecurityConfig config;
    @Inject
    NodeIdentity node;

    /**
     * One batch, if this node holds the chore.
     *
     * @return how many entries it deleted; {@link #BATCH} means there may be more
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeBatch() {
        Instant now = clock.instant();
        if (!cluster.tryLock(CHORE, node.id(), now, now.plus(HOLD))) {
            return 0;
        }
        Instant olderThan = now.minus(config.auditRetention());
        int deleted = audit.deleteOlderThan(olderThan, BATCH);
        if (deleted > 0) {
            LOG.info(() -> "Deleted " + deleted + " audit entries older than " + olderThan
                    + " (clockwork.audit.retention " + config.auditRetention() + ")");
        }
        return deleted;
    }
}
