package dev.clockwork.engine;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.engine.rules.Ticker;
import dev.clockwork.store.ExecutionOutcome;
import dev.clockwork.trigger.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Enforces task timeouts on one watchdog thread: a run that outlasts its timeout has its worker thread interrupted
 * and ends {@code TIMED_OUT}; a run that ignores the interrupt for {@code abandonAfter} more is given up: the
 * watchdog records it {@code TIMED_OUT} and the workers replace its thread, so an action that never returns does not
 * keep a worker (docs/decisions/033-timeouts.md).
 */
final class RunTimeouts {

    /** How long a run may ignore its interrupt before its thread is replaced. */
    static final Duration ABANDON_AFTER = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(RunTimeouts.class.getName());
    private static final int RUNNING = 0;
    /** The watchdog is interrupting the worker: the worker waits, so that no interrupt outlives its run. */
    private static final int INTERRUPTING = 1;
    private static final int INTERRUPTED = 2;
    private static final int ENDED = 3;
    private static final int ABANDONED = 4;

    private final Ticker ticker;
    private final Duration abandonAfter;
    private final Consumer<Watch> onAbandoned;
    private final DelayQueue<Watch> deadlines = new DelayQueue<>();

    /**
     * @param onAbandoned told, on the watchdog's thread, of a run given up: its outcome is the workers' to record
     */
    RunTimeouts(Ticker ticker, Duration abandonAfter, Consumer<Watch> onAbandoned) {
        this.ticker = ticker;
        this.abandonAfter = abandonAfter;
        this.onAbandoned = onAbandoned;
    }

    /** How a watched run ended for its worker. */
    enum End {
        /** Within its timeout. */
        IN_TIME,
        /** After its timeout, interrupted: the worker records it TIMED_OUT. */
        TIMED_OUT,
        /** So late that the watchdog recorded it and its thread was replaced: the worker drops it and ends. */
        ABANDONED
    }

    /** Watches a run of {@code fire} that starts now on {@code worker}; empty when its task has no timeout. */
    Optional<Watch> watch(ClaimedFire fire, Thread worker, Instant startedAt) {
        return fire.timeout().map(timeout -> {
            Watch watch = new Watch(fire, worker, startedAt, ticker.read() + timeout.toNanos());
            deadlines.add(watch);
            return watch;
        });
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
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile long deadline;

        private Watch(ClaimedFire fire, Thread worker, Instant startedAt, long deadline) {
            this.fire = fire;
            this.worker = worker;
            this.startedAt = startedAt;
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

        /** The run's action returned or threw: how it counts. Clears an interrupt meant for it. */
        End end() {
            while (true) {
                int now = state.get();
                if (now == ABANDONED) {
                    return End.ABANDONED;
                }
                if (now == INTERRUPTING) {
                    Thread.onSpinWait();
                    continue;
                }
                if (state.compareAndSet(now, ENDED)) {
                    deadlines.remove(this);
                    if (now == INTERRUPTED) {
                        Thread.interrupted();
                        return End.TIMED_OUT;
                    }
                    return End.IN_TIME;
                }
            }
        }

        private void expire() {
            Duration timeout = fire.timeout().orElseThrow();
            if (state.compareAndSet(RUNNING, INTERRUPTING)) {
                LOG.info(() -> "Execution " + fire.executionId() + " of task " + fire.taskName() + " outlasted its"
                        + " timeout of " + Durations.format(timeout) + "; interrupting it");
                deadline = ticker.read() + abandonAfter.toNanos();
                worker.interrupt();
                state.set(INTERRUPTED);
                deadlines.add(this);
            } else if (state.compareAndSet(INTERRUPTED, ABANDONED)) {
                LOG.warning(() -> "Execution " + fire.executionId() + " of task " + fire.taskName() + " ignored its"
                        + " interrupt for " + Durations.format(abandonAfter) + "; it is recorded TIMED_OUT and its"
                        + " worker thread " + worker.getName() + " is replaced (the action's code still runs on it"
                        + " until it returns)");
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
