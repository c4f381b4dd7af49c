package dev.clockwork.engine;

import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.RunTimes;
import dev.clockwork.engine.rules.Ticker;
import dev.clockwork.engine.rules.WorkerCapacity;
import dev.clockwork.store.ExecutionOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Clock;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.trigger.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs claimed fires on {@code workers} long-lived managed threads, outside any transaction, highest priority first.
 * Claimed fires wait in a priority queue that the dispatcher keeps short (free workers plus a small prefetch), so
 * claimed work never waits behind a busy node while another idles ({@link WorkerCapacity}). A worker marks a queued
 * fire running ({@link MarkRunning}), runs its action ({@link ActionInvoker}) and leaves the outcome to the
 * {@link GroupCommit}; what the database cannot take meanwhile waits in the {@link OutageBuffer}.
 *
 * <p>The threads come from the server's {@link ManagedThreadFactory} and are started once, at web start
 * ({@link EngineThreads}), rather than one managed task per fire: a task submitted from inside an EJB invocation
 * (the timer callbacks) carries a copy of that invocation that Payara fails to clean up, and a long-lived thread
 * also saves the per-task context set-up.
 */
@ApplicationScoped
public class Workers {

    private static final Logger LOG = Logger.getLogger(Workers.class.getName());

    @Resource
    ManagedThreadFactory threadFactory;
    @Inject
    RecordOutcome outcomes;
    @Inject
    ActionInvoker invoker;
    @Inject
    Clock clock;
    @Inject
    Ticker ticker;
    @Inject
    EngineConfig config;
    @Inject
    Event<CapacityFreed> capacityFreed;
    @Inject
    EngineMetrics metrics;
    @Inject
    ExecutionEvents events;
    @Inject
    NodeIdentity node;

    private final PriorityBlockingQueue<ClaimedFire> queue = new PriorityBlockingQueue<>(64, ClaimedFire.RUN_ORDER);
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger workerNumbers = new AtomicInteger();
    private volatile Thread watchdog;
    /** Fires taken from the queue whose action has not ended yet. */
    private final AtomicInteger busy = new AtomicInteger();
    private final OutageBuffer kept = new OutageBuffer();
    /** Executions handed to the workers whose outcome is not in the database yet, or that may still run here. */
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    /** Runs whose action has not returned, by execution id: what a drain hands back when its grace period ends. */
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private RunTimes runTimes;
    private WorkerCapacity capacity;
    private MarkRunning marking;
    private GroupCommit recorder;
    private RunInterrupts interrupts;
    /** How long a run may ignore its timeout's interrupt before its thread is replaced; a test sets a shorter one. */
    Duration abandonAfter = RunInterrupts.ABANDON_AFTER;

    private volatile boolean accepting = true;
    /** Set once the workers asked for more fires at the queue's low water; cleared when fires come. */
    private final AtomicBoolean refillAsked = new AtomicBoolean();

    @PostConstruct
    void assemble() {
        runTimes = new RunTimes(ticker);
        capacity = new WorkerCapacity(config.workers(), config.prefetch(),
                GroupCommit.RECORDERS * GroupCommit.MOST_PER_BATCH, runTimes);
        marking = new MarkRunning(queue, outcomes, kept, clock, () -> config.workers() - busy.get(), held::remove);
        recorder = new GroupCommit(outcomes, kept, () -> capacityFreed.fire(new CapacityFreed()), held::remove);
        interrupts = new RunInterrupts(ticker, abandonAfter, config.maxTimeout(), this::abandon);
    }

    /** How many more fires the dispatcher may claim now ({@link WorkerCapacity#claimable}). */
    public int claimable() {
        return capacity.claimable(load());
    }

    /** How many fires claimed now start at once ({@link WorkerCapacity#startable}); the claim records them running. */
    public int startable() {
        return capacity.startable(load());
    }

    private WorkerCapacity.Load load() {
        return new WorkerCapacity.Load(busy.get(), queue.size(), marking.beingMarked(), recorder.unrecorded());
    }

    public int busy() {
        return busy.get();
    }

    /** Claimed fires waiting for a worker. */
    public int queued() {
        return queue.size();
    }

    /** Worker threads that are alive: fewer than started when one died of an error no action should cause. */
    public int aliveThreads() {
        return (int) threads.stream().filter(Thread::isAlive).count();
    }

    /**
     * Runs that ended and whose outcome is not in the database yet: waiting for the recorder, or kept while the
     * database was away.
     */
    public int unrecordedOutcomes() {
        return recorder.unrecorded() + kept.outcomes();
    }

    /** How many starts and outcomes wait for the database. */
    public int waitingForDatabase() {
        return kept.size();
    }

    public void submit(Collection<ClaimedFire> fires) {
        if (!accepting) {
            LOG.info(() -> fires.size() + " fires arrived while shutting down; they stay queued for another node");
            return;
        }
        fires.forEach(fire -> held.add(fire.executionId()));
        queue.addAll(fires);
        refillAsked.set(false);
    }

    /** The executions the workers hold: queued, running, or ended and not recorded yet. */
    public Set<Long> held() {
        return Set.copyOf(held);
    }

    /** Starts the worker threads and the interrupts' watchdog; fires submitted before wait in the queue. */
    void start() {
        if (!threads.isEmpty()) {
            return;
        }
        for (int i = 1; i <= config.workers(); i++) {
            startWorker();
        }
        watchdog = threadFactory.newThread(interrupts::watchdog);
        watchdog.setName("clockwork-interrupts");
        watchdog.start();
    }

    private void startWorker() {
        Thread thread = threadFactory.newThread(this::work);
        thread.setName("clockwork-worker-" + workerNumbers.incrementAndGet());
        threads.add(thread);
        thread.start();
    }

    /** Ends the worker threads (after {@link #drain}); an action still running is interrupted. */
    void stop() {
        accepting = false;
        threads.forEach(Thread::interrupt);
        threads.clear();
        if (watchdog != null) {
            watchdog.interrupt();
        }
    }

    /**
     * Stops taking work at shutdown and waits up to {@code grace} for running actions to end. Fires still queued
     * stay QUEUED in the database, where a live node takes them over once this node is marked stopped. Runs still
     * going when the grace period ends are interrupted and handed back ({@link #handBackRunning}).
     *
     * @return how many runs were handed back
     */
    public int drain(Duration grace) {
        accepting = false;
        long deadline = ticker.read() + grace.toNanos();
        // Fires being marked running come back to the queue; take them with the rest.
        awaitUntil(() -> marking.beingMarked() == 0, deadline, Duration.ofMillis(5));
        List<ClaimedFire> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(fire -> held.remove(fire.executionId()));
        List<Long> markedRunning = left.stream().filter(fire -> fire.startedAt().isPresent())
                .map(ClaimedFire::executionId).toList();
        if (!markedRunning.isEmpty()) {
            try {
                outcomes.unmarkRunning(markedRunning);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, markedRunning.size() + " fires claimed as running did not start before"
                        + " shutdown and could not be put back to queued; the node that takes them over retries them"
                        + " as new attempts", e);
            }
        }
        awaitUntil(() -> busy.get() == 0 && recorder.unrecorded() == 0, deadline, Duration.ofMillis(50));
        recorder.recordWaiting();
        int handedBack = handBackRunning(grace);
        recorder.recordWaiting();
        return handedBack;
    }

    /**
     * Interrupts the runs still going after the grace period, waits up to {@code abandonAfter} for their actions to
     * return, then records each NODE_LOST with a WAITING next attempt due at once, which any node claims (this one
     * at its next start, if it is alone). A run belongs either to its worker, which records how it ended, or to the
     * drain, which hands it back: whichever settles it first. So no fire is recorded twice or lost, and none runs
     * twice at once unless its action ignores the interrupt for {@code abandonAfter}.
     */
    private int handBackRunning(Duration grace) {
        List<Running> taken = new ArrayList<>();
        for (Running run : running.values()) {
            if (run.settled().compareAndSet(false, true)) {
                taken.add(run);
                run.thread().interrupt();
            }
        }
        if (taken.isEmpty()) {
            return 0;
        }
        awaitUntil(() -> taken.stream().noneMatch(run -> running.containsKey(run.fire().executionId())),
                ticker.read() + abandonAfter.toNanos(), Duration.ofMillis(10));
        Instant now = clock.instant();
        List<RecordOutcome.Finished> lost = taken.stream().map(run -> new RecordOutcome.Finished(run.fire(),
                new ExecutionOutcome(run.fire().executionId(), run.fire().taskId(), run.fire().kind(), false,
                        ExecutionStatus.NODE_LOST, run.startedAt(), now, Optional.empty(),
                        Optional.of("Node " + node.id() + " stopped: the run was still going after the shutdown grace"
                                + " of " + Durations.format(grace) + ", so it was interrupted and handed back as attempt "
                                + (run.fire().attempt() + 1)), Optional.empty(), Optional.empty()))).toList();
        try {
            outcomes.handBack(lost);
            LOG.warning(() -> taken.size() + " runs were still going after the shutdown grace of "
                    + Durations.format(grace) + "; they were interrupted and handed back to run again");
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, taken.size() + " runs interrupted at shutdown could not be handed back; the node"
                    + " that takes over this node's work ends them NODE_LOST and retries them per their policy", e);
        }
        taken.forEach(run -> held.remove(run.fire().executionId()));
        return taken.size();
    }

    /** Waits until {@code done} or the {@link Ticker} deadline, looking every {@code step}. */
    private void awaitUntil(BooleanSupplier done, long deadline, Duration step) {
        while (!done.getAsBoolean() && ticker.read() < deadline) {
            try {
                Thread.sleep(step.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void onManualRun(@Observes(during = TransactionPhase.AFTER_SUCCESS) ManualRun run) {
        submit(List.of(run.fire()));
    }

    private void work() {
        while (accepting) {
            ClaimedFire fire;
            try {
                fire = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (runTaken(fire) == RunInterrupts.End.ABANDONED) {
                // The watchdog gave this run up and started a thread in this one's place.
                return;
            }
        }
    }

    /**
     * Runs every fire waiting in the queue on the caller's thread, then records the outcomes: the same path as the
     * worker threads, for a test harness that drives the engine by hand.
     *
     * @return how many fires it took from the queue
     */
    int runQueuedHere() {
        int taken = 0;
        for (ClaimedFire fire; (fire = queue.poll()) != null; taken++) {
            runTaken(fire);
        }
        return taken;
    }

    /**
     * Runs a fire taken from the queue: marks it running if the claim did not, runs it, records what waits.
     *
     * @return how the run ended against its timeout; ABANDONED when the watchdog gave it up (its slot is freed)
     */
    private RunInterrupts.End runTaken(ClaimedFire fire) {
        busy.incrementAndGet();
        askForMoreAtLowWater();
        RunInterrupts.End end = RunInterrupts.End.IN_TIME;
        try {
            Optional<ClaimedFire> started = marking.start(fire);
            if (started.isPresent()) {
                end = run(started.get());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Execution " + fire.executionId() + " of task " + fire.taskName()
                    + " failed inside the engine; the worker goes on with the next fire", e);
        } finally {
            if (end != RunInterrupts.End.ABANDONED) {
                busy.decrementAndGet();
            }
        }
        if (queue.isEmpty()) {
            capacityFreed.fire(new CapacityFreed());
        }
        recorder.recordWaiting();
        return end;
    }

    /** Asks the dispatcher for more fires, once per batch, at the queue's low water ({@link WorkerCapacity}). */
    private void askForMoreAtLowWater() {
        if (capacity.atLowWater(queue.size()) && !refillAsked.get() && refillAsked.compareAndSet(false, true)) {
            capacityFreed.fire(new CapacityFreed());
        }
    }

    /**
     * Runs a fire recorded as running; its outcome, with the moment the action really started (a fire claimed as
     * running may have waited a few milliseconds in the queue), waits for the recorder, and its time joins the mean.
     */
    private RunInterrupts.End run(ClaimedFire fire) {
        runTimes.started(fire.executionId());
        Instant startedAt = clock.instant();
        events.started(fire, startedAt);
        Running entry = new Running(fire, Thread.currentThread(), startedAt, new AtomicBoolean());
        running.put(fire.executionId(), entry);
        RunInterrupts.Watch watch = interrupts.watch(fire, Thread.currentThread(), startedAt);
        ActionInvoker.Ran ran;
        ExecutionOutcome outcome;
        long took;
        RunInterrupts.End end;
        try {
            ran = invoker.run(fire, startedAt);
            outcome = ran.outcome();
        } finally {
            running.remove(fire.executionId());
            took = runTimes.ended(fire.executionId());
            end = watch.end();
        }
        if (end != RunInterrupts.End.ABANDONED && !entry.settled().compareAndSet(false, true)) {
            // The drain handed this run back; the interrupt was the drain's, and what the run returned is dropped.
            Thread.interrupted();
            return end;
        }
        if (end == RunInterrupts.End.ABANDONED) {
            LOG.info(() -> "Execution " + fire.executionId() + " of task " + fire.taskName() + " returned at last,"
                    + " after it was recorded ended; what it returned is dropped and its thread ends");
            return end;
        }
        if (end == RunInterrupts.End.TIMED_OUT) {
            outcome = RunInterrupts.timedOut(outcome, watch.timeout().orElseThrow());
        } else if (end == RunInterrupts.End.CANCELLED) {
            outcome = RunInterrupts.cancelled(outcome, watch.cancelReason().orElse("cancelled"));
        }
        if (ran.step().isPresent() && outcome.status() == ExecutionStatus.SUCCEEDED) {
            // The step (e.g. a JMS send) commits with the outcome or not at all: recorded alone, now.
            outcome = recorder.recordWith(new RecordOutcome.Finished(fire, outcome), ran.step().get());
        } else {
            recorder.add(new RecordOutcome.Finished(fire, outcome));
        }
        metrics.ran(fire, outcome.status(), outcome.startedAt(), took);
        if (events.endObserved()) {
            // The outcome goes to the database first, so that an observer's time never delays its recording.
            recorder.recordWaiting();
            events.ended(fire, outcome);
        }
        return end;
    }

    /**
     * Cancels the run of execution {@code executionId} if one of this node's workers runs it: interrupted, it ends
     * CANCELLED.
     *
     * @return whether it ran here and is now being cancelled
     */
    public boolean cancel(long executionId, String reason) {
        return interrupts.cancel(executionId, reason);
    }

    void onRunCancelled(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunCancelled cancelled) {
        cancelled.executionIds().forEach(id -> cancel(id, cancelled.reason()));
    }

    /**
     * A run ignored the interrupt of its timeout or cancel: record it TIMED_OUT or CANCELLED now, free its slot and
     * start a worker in its thread's place (on the watchdog's thread).
     */
    private void abandon(RunInterrupts.Watch watch) {
        ClaimedFire fire = watch.fire();
        Instant now = clock.instant();
        Running run = running.get(fire.executionId());
        if (run != null && !run.settled().compareAndSet(false, true)) {
            // The drain handed it back already.
            threads.remove(watch.worker());
            busy.decrementAndGet();
            return;
        }
        String ignored = " and ignored the interrupt for " + Durations.format(abandonAfter)
                + "; its worker thread was replaced";
        ExecutionStatus status = watch.cancelReason().isPresent() ? ExecutionStatus.CANCELLED
                : ExecutionStatus.TIMED_OUT;
        String error = watch.cancelReason().map(reason -> "Cancelled while running (" + reason + ")" + ignored)
                .orElseGet(() -> "The run took longer than its timeout of "
                        + Durations.format(watch.timeout().orElseThrow()) + ignored);
        ExecutionOutcome givenUp = new ExecutionOutcome(fire.executionId(), fire.taskId(), fire.kind(),
                fire.endMovesSchedule(), status, watch.startedAt(), now, Optional.empty(), Optional.of(error),
                Optional.empty(), Optional.empty());
        recorder.add(new RecordOutcome.Finished(fire, givenUp));
        metrics.ran(fire, status, watch.startedAt(), Duration.between(watch.startedAt(), now).toNanos());
        threads.remove(watch.worker());
        busy.decrementAndGet();
        if (accepting && !threads.isEmpty()) {
            startWorker();
        }
        recorder.recordWaiting();
        capacityFreed.fire(new CapacityFreed());
        events.ended(fire, givenUp);
    }

    /** A run in progress on {@code thread}; {@code settled} is set by whichever of its worker or the drain ends it. */
    private record Running(ClaimedFire fire, Thread thread, Instant startedAt, AtomicBoolean settled) {
    }

    /**
     * Called when the database answers again (a heartbeat succeeded): records the outcomes that could not be
     * recorded and starts the fires that could not be marked running, so an outage loses no execution.
     */
    public void recordWhatWasKept() {
        OutageBuffer.Taken taken = kept.takeAll();
        if (!taken.starts().isEmpty()) {
            submit(taken.starts());
        }
        recorder.recordKept(taken.outcomes());
    }
}
