package dev.clockwork.engine;

import dev.clockwork.api.NodeWorkload;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.OffsetClock;
import dev.clockwork.engine.rules.SweepRules;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every heartbeat interval: measures this node's offset to the database's clock and writes its heartbeat. Every
 * sweep interval (a poll, or a heartbeat when shorter), on the node holding the sweep chore: takes over the work of
 * dead or stopped nodes, so that a dead node's work restarts within dead-after plus one poll. At shutdown it lets
 * running actions finish, then marks the node stopped so that a live node takes over what is left at once.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());
    /** An offset change worth a log line: clocks that jump make due times jump. */
    private static final Duration NOTABLE_DRIFT = Duration.ofMillis(250);
    private static final String BEAT = "clockwork-heartbeat";
    private static final String SWEEP = "clockwork-sweep";

    @Resource
    TimerService timers;
    @Inject
    DatabaseClock databaseClock;
    @Inject
    NodeHeartbeats heartbeats;
    @Inject
    TakeOverLostWork takeOver;
    @Inject
    Workers workers;
    @Inject
    OffsetClock clock;
    @Inject
    EngineConfig config;
    @Inject
    NodeIdentity node;
    @Inject
    ReadRouter reads;

    private final AtomicBoolean beating = new AtomicBoolean();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /** Since when every heartbeat has succeeded; null after a failure. */
    private volatile Instant healthySince;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // lifecycle callbacks default to REQUIRED
    void start() {
        beat();
        long interval = config.heartbeat().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig(BEAT, false));
        long sweepInterval = config.sweepInterval().toMillis();
        timers.createIntervalTimer(sweepInterval, sweepInterval, new TimerConfig(SWEEP, false));
    }

    @PreDestroy
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // lifecycle callbacks default to REQUIRED
    void stop() {
        workers.drain(config.shutdownGrace());
        try {
            heartbeats.markStopped();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not mark node " + node.id() + " stopped; it will be declared dead after "
                    + config.deadAfter() + " instead", e);
        }
    }

    @Timeout
    void onTimer(Timer timer) {
        if (SWEEP.equals(timer.getInfo())) {
            sweep();
            return;
        }
        try {
            beat();
        } catch (RuntimeException e) {
            healthySince = null;
            LOG.log(Level.WARNING, "Heartbeat of node " + node.id() + " failed; retrying in " + config.heartbeat(), e);
        }
    }

    private void beat() {
        if (!beating.compareAndSet(false, true)) {
            return;
        }
        try {
            synchronizeClock();
            Instant written = heartbeats.heartbeat(new NodeWorkload(clock.offset(), workers.busy(), config.workers()));
            measureReplica(written);
            workers.recordWhatWasKept();
            heartbeats.cancelRequests().forEach(workers::cancel);
            if (healthySince == null) {
                healthySince = clock.instant();
            }
        } finally {
            beating.set(false);
        }
    }

    /** The replica's lag guard: never a reason for a heartbeat to fail. */
    private void measureReplica(Instant written) {
        try {
            reads.measure(written);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not start measuring the read replica's lag; reads stay where they are", e);
        }
    }

    private void sweep() {
        Instant since = healthySince;
        if (since == null || !SweepRules.maySweep(since, clock.instant(), config.deadAfter())
                || !sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            workers.submit(takeOver.sweep());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Node " + node.id() + " could not look for dead nodes; trying again in "
                    + config.sweepInterval(), e);
        } finally {
            sweeping.set(false);
        }
    }

    private void synchronizeClock() {
        Duration before = clock.offset();
        Duration roundTrip = databaseClock.synchronizeClock(clock);
        Duration offset = clock.offset();
        if (offset.minus(before).abs().compareTo(NOTABLE_DRIFT) > 0) {
            LOG.info(() -> "Node " + node.id() + " clock differs from the database's by " + offset.toMillis()
                    + " ms; correcting (round trip " + roundTrip.toNanos() / 1000 + " µs)");
        }
    }
}
