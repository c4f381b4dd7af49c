package dev.clockwork.engine;

import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.Failures;
import dev.clockwork.engine.rules.Prefetch;
import dev.clockwork.engine.rules.RunTimes;
import dev.clockwork.engine.rules.Ticker;
import dev.clockwork.store.ExecutionOutcome;
import dev.clockwork.store.TaskStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs claimed fires on {@code workers} long-lived managed threads, outside any transaction, highest priority first.
 * Claimed fires wait in a priority queue that the dispatcher keeps short (free workers plus a small prefetch), so
 * claimed work never waits behind a busy node while another idles.
 *
 * <p>The threads come from the server's {@link ManagedThreadFactory} and are started once, at web start
 * ({@link EngineThreads}), rather than one managed task per fire: a task submitted from inside an EJB invocation
 * (the timer callbacks) carries a copy of that invocation that Payara fails to clean up, and a long-lived thread
 * also saves the per-task context set-up.
 */
@ApplicationScoped
public class Workers {

    private static final Logger LOG = Logger.getLogger(Workers.class.getName());
    /**
     * Most outcomes recorded in one transaction: as many ids as one of the store's statements names
     * ({@link TaskStore#MOST_IDS}). A recording takes what waits, so batches grow only while the recorder is
     * behind; then each commit, which costs a disk sync, ends more runs. A node that dies may thus leave about this
     * many ended runs unrecorded, which another node ends as lost and retries ({@code clockwork.node-lost-retries};
     * docs/decisions/015-outcome-group-commits.md).
     */
    private static final int MAX_BATCH = TaskStore.MOST_IDS;
    /**
     * Most transactions recording outcomes at once: the database, not the recorder, is the limit, so a second one
     * gains nothing (docs/decisions/015-outcome-group-commits.md).
     */
    private static final int RECORDERS = 1;

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

    private final PriorityBlockingQueue<ClaimedFire> queue = new PriorityBlockingQueue<>(64, ClaimedFire.RUN_ORDER);
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    /** Starts and outcomes the database could not take (it was away); retried after each good heartbeat. */
    private final ConcurrentLinkedQueue<Unrecorded> unrecorded = new ConcurrentLinkedQueue<>();
    /** Fires taken from the queue whose action has not ended yet. */
    private final AtomicInteger busy = new AtomicInteger();
    /** Queued fires a worker took from the queue to mark them running with its own; they go back to it. */
    private final AtomicInteger pending = new AtomicInteger();
    /** Outcomes waiting to be recorded by {@link #recordFinished}. */
    private final ConcurrentLinkedQueue<RecordOutcome.Finished> finished = new ConcurrentLinkedQueue<>();
    /** A permit per worker recording outcomes, {@value #RECORDERS} at most. */
    private final Semaphore recording = new Semaphore(RECORDERS);
    /** Outcomes not recorded yet: waiting in {@link #finished}, or in a recording transaction. */
    private final AtomicInteger unrecordedOutcomes = new AtomicInteger();

    /** What runs take here, for sizing claims; made with the injected ticker. */
    private RunTimes runTimes;

    @PostConstruct
    void createRunTimes() {
        runTimes = new RunTimes(ticker);
    }

    private volatile boolean accepting = true;
    /** Set once the workers asked for more fires at the queue's low water; cleared when fires come. */
    private final AtomicBoolean refillAsked = new AtomicBoolean();

    /**
     * How many more fires the dispatcher may claim now: free workers plus the prefetch, which grows while recent runs
     * are short ({@link Prefetch}).
     */
    public int claimable() {
        return roomFor(Prefetch.depth(config.workers(), config.prefetch(), runTimes.estimate()));
    }

    /**
     * How many fires claimed now start at once or within {@link Prefetch#QUEUE_WAIT}: one for each worker that would
     * be left without a fire if nothing more came, plus those the workers take within that wait while runs are
     * short. The claim records them as running.
     */
    public int startable() {
        return roomFor(Prefetch.startingWithinWait(config.workers(), runTimes.estimate()));
    }

    /**
     * Fires the workers and {@code ahead} more could hold, less those they hold or that wait for them, and less the
     * outcomes waiting to be recorded beyond a batch per recorder ({@link Prefetch#room}).
     */
    private int roomFor(int ahead) {
        return Prefetch.room(config.workers(), ahead, busy.get() + queue.size() + pending.get(),
                unrecordedOutcomes.get(), RECORDERS * MAX_BATCH);
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
        return unrecordedOutcomes.get() + (int) unrecorded.stream().filter(u -> u.outcome().isPresent()).count();
    }

    public void submit(Collection<ClaimedFire> fires) {
        if (!accepting) {
            LOG.info(() -> fires.size() + " fires arrived while shutting down; they stay queued for another node");
            return;
        }
        queue.addAll(fires);
        refillAsked.set(false);
    }

    /** Starts the worker threads; fires submitted before wait in the queue. */
    void start() {
        if (!threads.isEmpty()) {
            return;
        }
        for (int i = 1; i <= config.workers(); i++) {
            Thread thread = threadFactory.newThread(this::work);
            thread.setName("clockwork-worker-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    /** Ends the worker threads (after {@link #drain}); an action still running is interrupted. */
    void stop() {
        accepting = false;
        threads.forEach(Thread::interrupt);
        threads.clear();
    }

    /**
     * Stops taking work at shutdown and waits up to {@code grace} for running actions to end. Fires still queued
     * stay QUEUED in the database, where a live node takes them over once this node is marked stopped.
     *
     * @return how many actions were still running when the grace period ended
     */
    public int drain(Duration grace) {
        accepting = false;
        long deadline = ticker.read() + grace.toNanos();
        // Fires being marked running come back to the queue; take them with the rest.
        awaitUntil(() -> pending.get() == 0, deadline, Duration.ofMillis(5));
        List<ClaimedFire> left = new ArrayList<>();
        queue.drainTo(left);
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
        awaitUntil(() -> busy.get() == 0 && unrecordedOutcomes.get() == 0, deadline,
                Duration.ofMillis(50));
        recordFinished();
        return busy.get();
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
            busy.incrementAndGet();
            askForMoreAtLowWater();
            try {
                start(fire).ifPresent(this::run);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Execution " + fire.executionId() + " of task " + fire.taskName()
                        + " failed inside the engine; the worker goes on with the next fire", e);
            } finally {
                busy.decrementAndGet();
            }
            if (queue.isEmpty()) {
                capacityFreed.fire(new CapacityFreed());
            }
            recordFinished();
        }
    }

    /**
     * Asks the dispatcher for more fires, once per batch, when the queue is down to half of what it may hold ahead:
     * the next claim then overlaps the runs of the fires still queued, instead of starting when the workers have run
     * out of work (a claim takes a few milliseconds, in which short runs would empty a queue many times over).
     */
    private void askForMoreAtLowWater() {
        int ahead = Prefetch.depth(config.workers(), config.prefetch(), runTimes.mean());
        if (queue.size() <= ahead / 2 && !refillAsked.get() && refillAsked.compareAndSet(false, true)) {
            capacityFreed.fire(new CapacityFreed());
        }
    }

    /**
     * Runs a fire recorded as running; its outcome, with the moment the action really started (a fire claimed as
     * running may have waited a few milliseconds in the queue), waits for {@link #recordFinished}, and its time joins
     * the mean.
     */
    private void run(ClaimedFire fire) {
        runTimes.started(fire.executionId());
        ExecutionOutcome outcome;
        long took;
        try {
            outcome = invoker.execute(fire, clock.instant());
        } finally {
            took = runTimes.ended(fire.executionId());
        }
        unrecordedOutcomes.incrementAndGet();
        finished.add(new RecordOutcome.Finished(fire, outcome));
        metrics.ran(fire, outcome.status(), outcome.startedAt(), took);
    }

    /**
     * The fire recorded as running, or empty when it may not run. A fire claimed as queued is marked running first,
     * in one transaction with the queued fires that the workers waiting now will take next (they go back to the
     * queue as started), so a burst of queued fires costs one transaction, not one each.
     */
    private Optional<ClaimedFire> start(ClaimedFire fire) {
        if (fire.startedAt().isPresent()) {
            return Optional.of(fire);
        }
        List<ClaimedFire> toMark = new ArrayList<>(List.of(fire));
        toMark.addAll(takeUnstarted(config.workers() - busy.get()));
        List<Long> ids = toMark.stream().map(ClaimedFire::executionId).toList();
        Instant now = clock.instant();
        Set<Long> marked;
        try {
            marked = outcomes.markRunning(ids, now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not mark executions " + ids + " running; they start when the database"
                    + " answers again", e);
            toMark.forEach(f -> unrecorded.add(new Unrecorded(f, Optional.empty())));
            pending.addAndGet(1 - toMark.size());
            return Optional.empty();
        }
        for (ClaimedFire each : toMark) {
            if (!marked.contains(each.executionId())) {
                LOG.info(() -> "Execution " + each.executionId() + " of task " + each.taskName()
                        + " is no longer queued and does not run");
            } else if (each != fire) {
                queue.add(each.startedAt(now));
            }
        }
        pending.addAndGet(1 - toMark.size());
        return marked.contains(fire.executionId()) ? Optional.of(fire.startedAt(now)) : Optional.empty();
    }

    /**
     * Takes up to {@code count} fires not yet marked running from the head of the queue; they count in
     * {@link #pending} until they are back in the queue.
     */
    private List<ClaimedFire> takeUnstarted(int count) {
        if (count <= 0) {
            return List.of();
        }
        pending.addAndGet(count);
        List<ClaimedFire> head = new ArrayList<>();
        queue.drainTo(head, count);
        List<ClaimedFire> unstarted = new ArrayList<>();
        for (ClaimedFire each : head) {
            if (each.startedAt().isPresent()) {
                queue.add(each);
            } else {
                unstarted.add(each);
            }
        }
        pending.addAndGet(unstarted.size() - count);
        return unstarted;
    }

    /**
     * Records the outcomes that are waiting, many in one transaction (group commit): a worker that finds a recorder
     * free takes up to {@value #MAX_BATCH} outcomes queued so far, while the others go on running actions. A worker
     * that finds them all busy leaves its outcome to the recording workers, which look again after they let go, so
     * no outcome is left waiting once its worker moved on. Room freed for claims is announced to the dispatcher.
     */
    private void recordFinished() {
        while (!finished.isEmpty() && recording.tryAcquire()) {
            List<RecordOutcome.Finished> batch = new ArrayList<>();
            try {
                for (RecordOutcome.Finished next; batch.size() < MAX_BATCH && (next = finished.poll()) != null; ) {
                    batch.add(next);
                }
                record(batch);
            } finally {
                unrecordedOutcomes.addAndGet(-batch.size());
                recording.release();
            }
            capacityFreed.fire(new CapacityFreed());
        }
    }

    private void record(List<RecordOutcome.Finished> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            outcomes.finishAll(batch);
        } catch (RuntimeException e) {
            if (batch.size() > 1 && Failures.blamesTaskData(e)) {
                // One outcome's data fails the batch: record each alone, so the others are not held back by it.
                LOG.log(Level.WARNING, "Could not record a batch of " + batch.size() + " outcomes for the data of"
                        + " one of them; recording them one at a time", e);
                batch.forEach(finished -> record(List.of(finished)));
                return;
            }
            LOG.log(Level.WARNING, "Could not record the outcomes of " + batch.size() + " executions ("
                    + batch.stream().map(f -> f.fire().executionId() + " " + f.outcome().status()).toList()
                    + "); they are kept and recorded when the database answers again", e);
            batch.forEach(f -> unrecorded.add(new Unrecorded(f.fire(), Optional.of(f.outcome()))));
        }
    }

    /**
     * Called when the database answers again (a heartbeat succeeded): records the outcomes that could not be
     * recorded and starts the fires that could not be marked running, so an outage loses no execution.
     */
    public void recordWhatWasKept() {
        List<RecordOutcome.Finished> kept = new ArrayList<>();
        for (int left = unrecorded.size(); left > 0; left--) {
            Unrecorded next = unrecorded.poll();
            if (next == null) {
                break;
            }
            if (next.outcome().isEmpty()) {
                submit(List.of(next.fire()));
            } else {
                kept.add(new RecordOutcome.Finished(next.fire(), next.outcome().get()));
            }
        }
        for (int from = 0; from < kept.size(); from += MAX_BATCH) {
            List<RecordOutcome.Finished> batch = kept.subList(from, Math.min(kept.size(), from + MAX_BATCH));
            try {
                outcomes.finishAll(batch);
                LOG.info(() -> "Recorded the kept outcomes of " + batch.size() + " executions");
            } catch (RuntimeException e) {
                if (batch.size() > 1 && Failures.blamesTaskData(e)) {
                    batch.forEach(finished -> record(List.of(finished)));
                    continue;
                }
                kept.subList(from, kept.size()).forEach(f -> unrecorded.add(new Unrecorded(f.fire(),
                        Optional.of(f.outcome()))));
                LOG.log(Level.WARNING, "Still cannot record " + (kept.size() - from) + " kept outcomes; trying"
                        + " again at the next heartbeat", e);
                return;
            }
        }
    }

    /** How many starts and outcomes wait for the database. */
    public int waitingForDatabase() {
        return unrecorded.size();
    }

    /** A fire whose start (outcome empty) or outcome the database could not take. */
    private record Unrecorded(ClaimedFire fire, Optional<ExecutionOutcome> outcome) {
    }
}
