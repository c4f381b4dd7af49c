package dev.clockwork.engine;

import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.store.TaskStore;
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
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wakes up on this node's EJB timers and claims due tasks for the workers.
 *
 * <p>A non-persistent EJB interval timer ticks every poll interval to notice rows other nodes wrote; in between,
 * precise wake-ups at the next known due time run on the managed scheduled executor (the EJB timer service delivers
 * single-action timers 70-100 ms late on Payara). The database, not a timer, says what is due. The timer callback
 * never lets an exception out, because the server drops a non-persistent timer whose callback fails twice.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "Heartbeat"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    /** Claim rounds per wake-up, so one wake-up cannot hold its thread forever under a large backlog. */
    private static final int MAX_ROUNDS = 50;
    private static final Duration COALESCE = Duration.ofMillis(2);

    @Resource
    TimerService timers;
    @Resource
    ManagedScheduledExecutorService wakeUpExecutor;
    @Inject
    ClaimDueTasks claims;
    @Inject
    Workers workers;
    @Inject
    TaskStore store;
    @Inject
    Clock clock;
    @Inject
    EngineConfig config;
    @Inject
    NodeIdentity node;

    private final AtomicBoolean dispatching = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean backlog = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** The instants single-action wake-ups are set for; past ones are dropped when a wake-up fires. */
    private final ConcurrentSkipListSet<Instant> wakeUps = new ConcurrentSkipListSet<>();

    @PostConstruct
    void start() {
        long poll = config.pollInterval().toMillis();
        timers.createIntervalTimer(0, Math.max(1, poll), new TimerConfig("clockwork-poll", false));
        LOG.info(() -> "Clockwork node " + node.id() + " dispatching every " + config.pollInterval() + " with "
                + config.workers() + " workers");
    }

    @PreDestroy
    void stop() {
        stopping.set(true);
        for (Timer timer : timers.getTimers()) {
            cancelQuietly(timer);
        }
        wakeUps.clear();
    }

    @Timeout
    void onTimer(Timer timer) {
        dispatchSafely();
    }

    private void onWakeUpDue() {
        wakeUps.headSet(clock.instant(), true).clear();
        dispatchSafely();
    }

    private void dispatchSafely() {
        try {
            dispatch();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Dispatching failed; retrying at the next poll", e);
        }
    }

    /** A task's next fire changed: make sure the dispatcher is awake then. */
    public void onWakeUp(@Observes(during = TransactionPhase.AFTER_SUCCESS) WakeUp wakeUp) {
        wakeAt(wakeUp.at());
    }

    /** Workers have room again: claim what was left behind for lack of room, without waiting for the next poll. */
    public void onCapacityFreed(@Observes CapacityFreed freed) {
        if (backlog.get()) {
            wakeAt(clock.instant());
        }
    }

    /** Claims until nothing is due or the workers are full; concurrent callers fold into one more round. */
    void dispatch() {
        again.set(true);
        while (!stopping.get() && again.get() && dispatching.compareAndSet(false, true)) {
            try {
                again.set(false);
                claimRounds();
            } finally {
                dispatching.set(false);
            }
        }
        if (!stopping.get()) {
            store.earliestNextFire().ifPresent(this::wakeAt);
        }
    }

    private void claimRounds() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int room = workers.claimable();
            if (room == 0) {
                backlog.set(true);
                return;
            }
            List<ClaimedFire> claimed = claims.claim(room);
            workers.submit(claimed);
            if (claimed.size() < room) {
                backlog.set(false);
                return;
            }
        }
        backlog.set(true);
    }

    private void wakeAt(Instant at) {
        if (stopping.get()) {
            return;
        }
        Instant now = clock.instant();
        if (!at.isBefore(now.plus(config.pollInterval()))) {
            return;
        }
        // One timer per distinct due time in the next poll interval; due times a few ms apart share one.
        if (!wakeUps.subSet(at.minus(COALESCE), true, at.plus(COALESCE), true).isEmpty() || !wakeUps.add(at)) {
            return;
        }
        long delay = Math.max(0, Duration.between(now, at).toNanos() / 1000);
        wakeUpExecutor.schedule(this::onWakeUpDue, delay, TimeUnit.MICROSECONDS);
    }

    private static void cancelQuietly(Timer timer) {
        try {
            timer.cancel();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Timer already gone at shutdown", e);
        }
    }
}
