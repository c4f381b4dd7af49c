package dev.clockwork.engine;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import dev.clockwork.engine.rules.Ticker;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The retention chores, each batch after batch in short transactions under its chore lock, so one node at a time does
 * each: every hour the audit entries past {@code clockwork.audit.retention} ({@link PurgeOldAuditEntries}), and every
 * minute the executions past {@code clockwork.history.keep} ({@link PurgeOldExecutions}), both first a minute after
 * start. The callback never lets an exception out: a non-persistent timer whose callback throws twice is removed for
 * good.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    private static final Duration FIRST = Duration.ofMinutes(1);
    private static final Duration AUDIT_EVERY = Duration.ofHours(1);
    private static final Duration HISTORY_EVERY = Duration.ofMinutes(1);
    private static final String AUDIT = "clockwork-audit-retention";
    private static final String HISTORY = "clockwork-history-retention";
    /** Most batches of audit entries one run deletes; the next run goes on. */
    private static final int AUDIT_BATCHES = 100;
    /**
     * Most batches of executions one run deletes. After each it waits as long as the batch took, so the purge takes
     * at most half of one connection's time and the claims get the database in between.
     */
    private static final int HISTORY_BATCHES = 50;

    @Resource
    TimerService timers;
    @Inject
    PurgeOldAuditEntries audit;
    @Inject
    PurgeOldExecutions history;
    @Inject
    Ticker ticker;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // lifecycle callbacks default to REQUIRED
    void start() {
        timers.createIntervalTimer(FIRST.toMillis(), AUDIT_EVERY.toMillis(), new TimerConfig(AUDIT, false));
        timers.createIntervalTimer(FIRST.toMillis(), HISTORY_EVERY.toMillis(), new TimerConfig(HISTORY, false));
    }

    @Timeout
    void onTimer(Timer timer) {
        if (HISTORY.equals(timer.getInfo())) {
            purge("executions past their retention", HISTORY_BATCHES, HISTORY_EVERY, () -> {
                long start = ticker.read();
                boolean more = history.purgeBatch().more();
                return more && pause(Duration.ofNanos(ticker.read() - start));
            });
        } else {
            purge("audit entries past their retention", AUDIT_BATCHES, AUDIT_EVERY,
                    () -> audit.purgeBatch() == PurgeOldAuditEntries.BATCH);
        }
    }

    /** Waits {@code pause}; false when interrupted (the application stops). */
    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code batch} until it says there is no more, at most {@code most} times. */
    private static void purge(String what, int most, Duration every, BooleanSupplier batch) {
        try {
            for (int i = 0; i < most && batch.getAsBoolean(); i++) {
                LOG.finest(() -> "More " + what + "; deleting the next batch");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not delete old " + what + "; trying again in " + every, e);
        }
    }
}
