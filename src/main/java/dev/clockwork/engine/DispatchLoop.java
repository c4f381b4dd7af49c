package dev.clockwork.engine;

import dev.clockwork.engine.rules.BusyBackoff;
import dev.clockwork.engine.rules.DispatchHealth;
import dev.clockwork.engine.rules.DispatchState;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.OffsetClock;
import dev.clockwork.engine.rules.Ticker;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
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
    /** Guarded by {@code lock}, but for its backlog flag and claim rounds. */
    private DispatchState state;

    @PostConstruct
    void createState() {
        state = new DispatchState(config.pollInterval());
    }
    private volatile Thread thread;
    private DispatchState.Claimer claimer;
    /** Set when a dispatch round failed: its claim may have committed without this node knowing. */
    private boolean claimInDoubt;
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
            IsolatingClaims isolatingClaims = new IsolatingClaims(new IsolatingClaims.Transactions() {
                @Override
                public ClaimRound claim(int limit, int startNow) {
                    return claims.claim(limit, startNow);
                }

                @Override
                public boolean quarantine(long taskId, Throwable failure) {
                    return claims.quarantine(taskId, failure);
                }
            }, clock);
            claimer = new WorkersClaimer(isolatingClaims);
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
            state.stop();
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
        signalIf(() -> {
            state.askPoll();
            return true;
        });
    }

    /** A task's next fire changed: make sure the loop is awake then. */
    public void onWakeUp(@Observes(during = TransactionPhase.AFTER_SUCCESS) WakeUp wakeUp) {
        wakeAt(wakeUp.at());
    }

    /** Workers have room again: claim what was left behind for lack of room, without waiting for the next poll. */
    public void onCapacityFreed(@Observes CapacityFreed freed) {
        if (state.hasBacklog()) {
            signalIf(state::capacityFreed);
        }
    }

    private void wakeAt(Instant at) {
        signalIf(() -> state.askWakeUp(at, clock.instant()));
    }

    /** Applies {@code change} to the state under the lock, and wakes the loop when it says the loop must look again. */
    private void signalIf(BooleanSupplier change) {
        lock.lock();
        try {
            if (change.getAsBoolean()) {
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
                if (claimInDoubt) {
                    adoptUnheld();
                }
                failuresInARow = 0;
                lastRoundAt = offsetClock.base().instant();
            } catch (RuntimeException e) {
                // A claim whose commit failed may have been written all the same: look once the database answers.
                claimInDoubt = true;
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
        if (!config.claimsWork()) {
            return DispatchHealth.consoleNode();
        }
        return DispatchHealth.judge(offsetClock.base().instant(), Optional.ofNullable(lastRoundAt), failuresInARow, Optional.ofNullable(lastFailure),
                config.pollInterval());
    }

    /** Whether the loop's thread is running: it ends only when the application stops, or by an error. */
    public boolean threadAlive() {
        Thread running = thread;
        return running != null && running.isAlive();
    }

    /** Waits until a claim is due ({@link DispatchState#next}); false when stopping. */
    private boolean awaitWork() {
        lock.lock();
        try {
            while (true) {
                Instant now = clock.instant();
                DispatchState.Step step = state.next(now, BusyBackoff.of(workers.busy(), config.workers()));
                if (step instanceof DispatchState.Stop) {
                    return false;
                }
                if (step instanceof DispatchState.ClaimNow) {
                    return true;
                }
                Optional<Instant> until = ((DispatchState.Sleep) step).until();
                if (until.isEmpty()) {
                    changed.await();
                } else {
                    changed.awaitNanos(Math.max(1, Duration.between(now, until.get()).toNanos()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Hands the workers the fires this node holds in the database but they do not ({@link ClaimDueTasks#unheld}). */
    private void adoptUnheld() {
        List<ClaimedFire> adopted = claims.unheld(workers.held());
        claimInDoubt = false;
        if (!adopted.isEmpty()) {
            LOG.warning(() -> "Found " + adopted.size() + " executions claimed by this node in a round whose commit"
                    + " failed, which the database kept; running them now: "
                    + adopted.stream().map(ClaimedFire::executionId).toList());
            workers.submit(adopted);
        }
    }

    /** Claims in rounds ({@link DispatchState#claimRounds}), then sets the wake-up for the next due fire. */
    private void dispatch() {
        Optional<DispatchState.Round> last = state.claimRounds(claimer);
        state.lookAgainAt(last, clock.instant()).ifPresent(this::wakeAt);
    }

    /** Claims for this node's workers, timed for the metrics. */
    private final class WorkersClaimer implements DispatchState.Claimer {

        private final IsolatingClaims claims;

        WorkersClaimer(IsolatingClaims claims) {
            this.claims = claims;
        }

        @Override
        public int claimable() {
            return workers.claimable();
        }

        @Override
        public int startable() {
            return workers.startable();
        }

        @Override
        public DispatchState.Round claim(int room, int startNow) {
            long begin = ticker.read();
            ClaimRound claim = claims.claim(room, startNow);
            metrics.claimed(ticker.read() - begin);
            workers.submit(claim.fires());
            return claim.summary();
        }
    }
}
