package dev.clockwork.engine;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.engine.rules.Ticker;
import dev.clockwork.store.ExecutionOutcome;
import dev.clockwork.trigger.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Interrupts runs that outlast their timeout or are cancelled, on one watchdog thread: the run's worker thread is
 * interrupted and the run ends {@code TIMED_OUT} (or {@code CANCELLED}); a run that ignores the interrupt for
 * {@code abandonAfter} more is given up: the watchdog records it and the workers replace its thread, so an action
 * that never returns does not keep a worker (docs/decisions/033-timeouts.md).
 */
final class RunInterrupts {

    /** How long a run may ignore its interrupt before its thread is replaced. */
    static final Duration ABANDON_AFTER = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(RunInterrupts.class.getName());
    private static final int RUNNING = 0;
    /** The watchdog is interrupting the worker: the worker waits, so that no interrupt outlives its run. */
    private static final int INTERRUPTING = 1;
    private static final int INTERRUPTED = 2;
    private static final int ENDED = 3;
    private static final int ABANDONED = 4;

    private final Ticker ticker;
    private final Duration abandonAfter;
    /** The node's longest run ({@code clockwork.max-timeout}), for tasks with no timeout or a longer one. */
    private final Optional<Duration> ceiling;
    private final Consumer<Watch> onAbandoned;
    private final DelayQueue<Watch> deadlines = new DelayQueue<>();
    /** The runs in progress on this node's workers, by execution id, for cancels. */
    private final Map<Long, Watch> running = new ConcurrentHashMap<>();

    /**
     * @param onAbandoned told, on the watchdog's thread, of a run given up: its outcome is the workers' to record
     */
    RunInterrupts(Ticker ticker, Duration abandonAfter, Optional<Duration> ceiling, Consumer<Watch> onAbandoned) {
        this.ticker = ticker;
        this.abandonAfter = abandonAfter;
        this.ceiling = ceiling;
        this.onAbandoned = onAbandoned;
    }

    /** How a watched run ended for its worker. */
    enum End {
        /** Within its timeout. */
        IN_TIME,
        /** After its timeout, interrupted: the worker records it TIMED_OUT. */
        TIMED_OUT,
        /** Cancelled, interrupted: the worker records it CANCELLED. */
        CANCELLED,
        /** So late that the watchdog recorded it and its thread was replaced: the worker drops it and ends. */
        ABANDONED
    }

    /** Watches a run of {@code fire} that starts now on {@code worker}, for its timeout and for cancels. */
    Watch watch(ClaimedFire fire, Thread worker, Instant startedAt) {
        Optional<Duration> timeout = fire.timeout()
                .map(own -> ceiling.filter(most -> most.compareTo(own) < 0).orElse(own)).or(() -> ceiling);
        Watch watch = new Watch(fire, worker, startedAt, timeout,
                timeout.map(limit -> ticker.read() + limit.toNanos()).orElse(Long.MAX_VALUE));
        running.put(fire.executionId(), watch);
        if (timeout.isPresent()) {
            deadlines.add(watch);
        }
        return watch;
    }

    /**
     * Cancels the run of execution {@code executionId} if it is in progress here: its worker is interrupted, and the
     * run given up if it ignores the interrupt for {@code abandonAfter}.
     *
     * @return whether it was running here and is now being cancelled
     */
    boolean cancel(long executionId, String reason) {
        Watch watch = running.get(executionId);
        return watch != null && watch.cancel(reason);
    }

    /** The watchdog's loop, until its thread is interrupted. */
    void watchdog() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                deadlines.take().expire();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** {@code ended} as a cancelled run: the cancel is why it ended, whatever it returned or threw. */
    static ExecutionOutcome cancelled(ExecutionOutcome ended, String reason) {
        return new ExecutionOutcome(ended.executionId(), ended.taskId(), ended.kind(), ended.movesSchedule(),
                ExecutionStatus.CANCELLED, ended.startedAt(), ended.finishedAt(), Optional.empty(),
                Optional.of("Cancelled while running (" + reason + ") and interrupted"
                        + ended.error().map(error -> "; it ended with: " + error).orElse("")),
                ended.stackTrace(), ended.report());
    }

    /** {@code ended} as a timed-out run: the interrupt is why it ended, whatever it returned or threw. */
    static ExecutionOutcome timedOut(ExecutionOutcome ended, Duration timeout) {
        return new ExecutionOutcome(ended.executionId(), ended.taskId(), ended.kind(), ended.movesSchedule(),
                ExecutionStatus.TIMED_OUT, ended.startedAt(), ended.finishedAt(), Optional.empty(),
                Optional.of("The run took longer than its timeout of " + Durations.format(timeout)
                        + " and was interrupted" + ended.error().map(error -> "; it ended with: " + error).orElse("")),
                ended.stackTrace(), ended.report());
    }

    /**
     * A run under watch; its state moves from RUNNING to ENDED, or through INTERRUPTING and INTERRUPTED to ENDED or
     * ABANDONED.
     */
    final class Watch implements Delayed {
        private final ClaimedFire fire;
        private final Thread worker;
        private final Instant startedAt;
        private final Optional<Duration> timeout;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile long deadline;
        /** Why the run was cancelled; null unless it was. */
        private volatile String cancelReason;

        private Watch(ClaimedFire fire, Thread worker, Instant startedAt, Optional<Duration> timeout, long deadline) {
            this.fire = fire;
            this.worker = worker;
            this.startedAt = startedAt;
            this.timeout = timeout;
            this.deadline = deadline;
        }

        ClaimedFire fire() {
            return fire;
        }

        Thread worker() {
            return worker;
        }

        Instant startedAt() {
            return startedAt;
        }

        /** How long the run may take: its task's timeout, or the node's ceiling when that is shorter or the only one. */
        Optional<Duration> timeout() {
            return timeout;
        }

        /** Why the run was cancelled, when it was. */
        Optional<String> cancelReason() {
            return Optional.ofNullable(cancelReason);
        }

        /** The run's action returned or threw: how it counts. Clears an interrupt meant for it. */
        End end() {
            while (true) {
                int now = state.get();
                if (now == ABANDONED) {
                    running.remove(fire.executionId(), this);
                    return End.ABANDONED;
                }
                if (now == INTERRUPTING) {
                    Thread.onSpinWait();
                    continue;
                }
                if (state.compareAndSet(now, ENDED)) {
                    running.remove(fire.executionId(), this);
                    deadlines.remove(this);
                    if (now == INTERRUPTED) {
                        Thread.interrupted();
                        return cancelReason != null ? End.CANCELLED : End.TIMED_OUT;
                    }
                    return End.IN_TIME;
                }
            }
        }

        /** Interrupts the run for a cancel, and gives it {@code abandonAfter} to end; false when it is ending. */
        private boolean cancel(String reason) {
            if (!state.compareAndSet(RUNNING, INTERRUPTING)) {
                return false;
            }
            cancelReason = reason;
            LOG.info(() -> "Execution " + fire.executionId() + " of task " + fire.taskName() + " is cancelled ("
                    + reason + "); interrupting it");
            deadlines.remove(this);
            deadline = ticker.read() + abandonAfter.toNanos();
            worker.interrupt();
            state.set(INTERRUPTED);
            deadlines.add(this);
            return true;
        }

        private void expire() {
            Duration limit = timeout.orElse(Duration.ZERO);
            if (state.compareAndSet(RUNNING, INTERRUPTING)) {
                LOG.info(() -> "Execution " + fire.executionId() + " of task " + fire.taskName() + " outlasted its"
                        + " timeout of " + Durations.format(limit) + "; interrupting it");
                deadline = ticker.read() + abandonAfter.toNanos();
                worker.interrupt();
                state.set(INTERRUPTED);
                deadlines.add(this);
            } else if (state.compareAndSet(INTERRUPTED, ABANDONED)) {
                String status = cancelReason != null ? "CANCELLED" : "TIMED_OUT";
                LOG.warning(() -> "Execution " + fire.executionId() + " of task " + fire.taskName() + " ignored its"
                        + " interrupt for " + Durations.format(abandonAfter) + "; it is recorded " + status + " and its"
                        + " worker thread " + worker.getName() + " is replaced (the action's code still runs on it"
                        + " until it returns)");
                running.remove(fire.executionId(), this);
                onAbandoned.accept(this);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(deadline - ticker.read(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
