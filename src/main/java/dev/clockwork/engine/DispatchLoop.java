package dev.clockwork.engine;

import dev.clockwork.engine.rules.BusyBackoff;
import dev.clockwork.engine.rules.DispatchHealth;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.OffsetClock;
import dev.clockwork.engine.rules.Ticker;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dispatcher's own managed thread: claims due tasks for the workers when the poll timer ticks
 * ({@link Dispatcher}), at the next known due time (a few milliseconds later while its workers are busy, so that a
 * less busy node claims first), when a task's next fire moves earlier, and when workers have room again after claims
 * were left behind for lack of it. The database, not this loop, says what is due.
 *
 * <p>Claims run on this one long-lived thread, never inside the EJB timer callback: Payara hands a copy of the
 * current EJB invocation to every task submitted from inside one, and cleaning that copy up fails ("No invocation
 * on invocation stack"), leaving the thread's invocation stack corrupt and the JPA context closed.
 */
@ApplicationScoped
public class DispatchLoop {

    private static final Logger LOG = Logger.getLogger(DispatchLoop.class.getName());
    /** Claim rounds per wake-up, so one wake-up cannot hold the loop forever under a large backlog. */
    private static final int MAX_ROUNDS = 50;
    /** When due rows are left that this node could not claim (another node holds them), look again this soon. */
    private static final Duration HELD_ELSEWHERE = Duration.ofMillis(100);

    @Resource
    ManagedThreadFactory threads;
    @Inject
    ClaimDueTasks claims;
    @Inject
    Workers workers;
    @Inject
    Clock clock;
    @Inject
    EngineConfig config;
    /** Its base, the node's own clock, times {@link #health}: the correction by the database's clock may jump. */
    @Inject
    OffsetClock offsetClock;
    @Inject
    Ticker ticker;
    @Inject
    EngineMetrics metrics;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by {@code lock}: a poll was asked for. */
    private boolean pollAsked;
    /** Guarded by {@code lock}: the earliest wake-up asked for, or null. */
    private Instant wakeAt;
    /** Guarded by {@code lock}. */
    private boolean stopping;
    private volatile Thread thread;
    private volatile boolean backlog;
    private IsolatingClaims isolatingClaims;
    /** When a dispatch round last completed (or the loop started), for {@link #health}. */
    private volatile Instant lastRoundAt;
    /** Dispatch rounds that failed in a row, and the latest failure, for {@link #health}. */
    private volatile int failuresInARow;
    private volatile String lastFailure;

    /** Starts the loop's thread; it claims nothing until the first poll or wake-up is asked for. */
    void start() {
        lock.lock();
        try {
            if (thread != null) {
                return;
            }
            isolatingClaims = new IsolatingClaims(new IsolatingClaims.Transactions() {
                @Override
                public ClaimDueTasks.Claim claim(int limit, int startNow) {
                    return claims.claim(limit, startNow);
                }

                @Override
                public boolean quarantine(long taskId, Throwable failure) {
                    return claims.quarantine(taskId, failure);
                }
            }, clock);
            lastRoundAt = offsetClock.base().instant();
            thread = threads.newThread(this::run);
            thread.setName("clockwork-dispatcher");
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    /** Stops claiming; the current claim round finishes. */
    void stop() {
        Thread running;
        lock.lock();
        try {
            stopping = true;
            changed.signalAll();
            running = thread;
        } finally {
            lock.unlock();
        }
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Looks for due tasks now (the poll timer ticked). */
    public void poll() {
        lock.lock();
        try {
            pollAsked = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A task's next fire changed: make sure the loop is awake then. */
    public void onWakeUp(@Observes(during = TransactionPhase.AFTER_SUCCESS) WakeUp wakeUp) {
        wakeAt(wakeUp.at());
    }

    /** Workers have room again: claim what was left behind for lack of room, without waiting for the next poll. */
    public void onCapacityFreed(@Observes CapacityFreed freed) {
        if (backlog) {
            poll();
        }
    }

    /** Wake-ups beyond the next poll are left to the poll, which reads the database anyway. */
    private void wakeAt(Instant at) {
        if (!at.isBefore(clock.instant().plus(config.pollInterval()))) {
            return;
        }
        lock.lock();
        try {
            if (wakeAt == null || at.isBefore(wakeAt)) {
                wakeAt = at;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (awaitWork()) {
            try {
                dispatch();
                failuresInARow = 0;
                lastRoundAt = offsetClock.base().instant();
            } catch (RuntimeException e) {
                failuresInARow++;
                lastFailure = String.valueOf(e);
                LOG.log(Level.WARNING, "Dispatching failed (" + failuresInARow + " rounds in a row); retrying at the"
                        + " next poll", e);
            }
        }
    }

    /**
     * Whether this loop is doing its work: its latest rounds did not all fail, and a round completed lately. The
     * poll timer asks for a round every poll interval, so a loop that completed none for several intervals is stuck
     * or was never woken.
     */
    public DispatchHealth health() {
        return DispatchHealth.judge(offsetClock.base().instant(), Optional.ofNullable(lastRoundAt), failuresInARow, Optional.ofNullable(lastFailure),
                config.pollInterval());
    }

    /** Whether the loop's thread is running: it ends only when the application stops, or by an error. */
    public boolean threadAlive() {
        Thread running = thread;
        return running != null && running.isAlive();
    }

    /**
     * Waits until a poll or wake-up is due; false when stopping. A wake-up waits past its time by how busy the
     * workers are ({@link BusyBackoff}), so that a less busy node claims first.
     */
    private boolean awaitWork() {
        lock.lock();
        try {
            while (!stopping) {
                Instant now = clock.instant();
                Instant claimAt = wakeAt == null ? null
                        : wakeAt.plus(BusyBackoff.of(workers.busy(), config.workers()));
                boolean wakeUpDue = claimAt != null && !claimAt.isAfter(now);
                if (pollAsked || wakeUpDue) {
                    pollAsked = false;
                    if (wakeUpDue) {
                        wakeAt = null;
                    }
                    return true;
                }
                if (wakeAt == null) {
                    changed.await();
                } else {
                    changed.awaitNanos(Math.max(1, Duration.between(now, claimAt).toNanos()));
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Claims until nothing is due or the workers are full, then sets the wake-up for the next due fire. Due rows the
     * last claim could not lock are another node's to claim: this node looks again after a short pause rather than
     * spinning on rows it cannot have.
     */
    private void dispatch() {
        claimRounds().ifPresent(last -> last.earliestNextFire().ifPresent(next -> {
            if (next.isAfter(last.at())) {
                wakeAt(next);
            } else if (!backlog) {
                wakeAt(clock.instant().plus(HELD_ELSEWHERE));
            }
        }));
    }

    /**
     * Sets {@code backlog} when due work may be left behind for lack of room; returns the last claim, or empty when
     * the workers were full before any claim.
     */
    private Optional<ClaimDueTasks.Claim> claimRounds() {
        Optional<ClaimDueTasks.Claim> last = Optional.empty();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int room = workers.claimable();
            if (room == 0) {
                // Set before looking again, so room freed from now on is noticed by onCapacityFreed.
                backlog = true;
                if (workers.claimable() == 0) {
                    return last;
                }
                continue;
            }
            long begin = ticker.read();
            ClaimDueTasks.Claim claim = isolatingClaims.claim(room, workers.startable());
            metrics.claimed(ticker.read() - begin);
            workers.submit(claim.fires());
            last = Optional.of(claim);
            if (claim.fires().size() < room) {
                backlog = false;
                return last;
            }
        }
        backlog = true;
        return last;
    }
}
