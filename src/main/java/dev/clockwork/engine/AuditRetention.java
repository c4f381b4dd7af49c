package dev.clockwork.engine;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every hour (and a minute after start), deletes the audit entries past their retention ({@link
 * PurgeOldAuditEntries}), batch after batch until none are left. The callback never lets an exception out: a
 * non-persistent timer whose callback throws twice is removed for good.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());
    private static final Duration FIRST = Duration.ofMinutes(1);
    private static final Duration EVERY = Duration.ofHours(1);
    /** Most batches one run deletes; the next run goes on. */
    private static final int MOST_BATCHES = 100;

    @Resource
    TimerService timers;
    @Inject
    PurgeOldAuditEntries purge;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // lifecycle callbacks default to REQUIRED
    void start() {
        timers.createIntervalTimer(FIRST.toMillis(), EVERY.toMillis(), new TimerConfig("clockwork-audit-retention",
                false));
    }

    @Timeout
    void onTimer() {
        try {
            for (int i = 0; i < MOST_BATCHES && purge.purgeBatch() == PurgeOldAuditEntries.BATCH; i++) {
                LOG.fine("More audit entries past their retention; deleting the next batch");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not delete old audit entries; trying again in " + EVERY, e);
        }
    }
}
