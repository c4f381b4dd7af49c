package dev.clockwork.engine;

import dev.clockwork.SettableClock;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.TaskAction;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.store.ExecutionOutcome;
import dev.clockwork.store.jpa.StoreFixture;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.json.bind.JsonbBuilder;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Function;

/**
 * The engine's claim, run, record and sweep path on a real store, driven by hand on the test's thread with a
 * settable clock: "set the clock to 09:00, run what is due, assert the executions" with no server, no threads and no
 * sleeps. Each step is one transaction, as in the server; the beans are the server's own, wired by hand, and
 * {@link #runDue} runs the fires through the real {@link Workers} on the test's thread. Actions are registered by
 * name with {@link #action}.
 */
final class ManualEngine {

    /** Most fires one {@link #runDueOnce} claims. */
    static final int MOST_PER_ROUND = 100;

    private final StoreFixture fixture;
    private final SettableClock clock;
    final EngineConfig config;
    final NodeIdentity node = new NodeIdentity();
    private final ClaimDueTasks claims = new ClaimDueTasks();
    private final RunsInProgress runsInProgress = new RunsInProgress();
    private final RecordOutcome outcomes = new RecordOutcome();
    private final TakeOverLostWork takeOver = new TakeOverLostWork();
    private final IsolatingClaims isolatingClaims;
    private final Map<String, TaskAction> registered = new HashMap<>();
    final Workers workers = new Workers();
    /** A permit per outcome the workers recorded, for tests whose workers run on threads of their own. */
    private final Semaphore recorded = new Semaphore(0);

    ManualEngine(StoreFixture fixture, Instant now) {
        this(fixture, now, Map.of());
    }

    /** An engine with these {@code clockwork.*} settings, the defaults for the others. */
    ManualEngine(StoreFixture fixture, Instant now, Map<String, String> settings) {
        this.config = EngineConfig.from(settings::get, ZoneOffset.UTC);
        this.fixture = fixture;
        this.clock = new SettableClock(now);
        claims.clock = clock;
        claims.config = config;
        claims.node = node;
        claims.runsInProgress = runsInProgress;
        claims.runCancelled = new IgnoredEvent<>() {
            @Override
            public void fire(RunCancelled cancelled) {
                workers.onRunCancelled(cancelled);
            }
        };
        outcomes.node = node;
        outcomes.wakeUp = new IgnoredEvent<>();
        outcomes.jitterDraw = () -> 0.5;
        takeOver.clock = clock;
        takeOver.config = config;
        takeOver.node = node;
        takeOver.outcomes = outcomes;
        isolatingClaims = new IsolatingClaims(new IsolatingClaims.Transactions() {
            @Override
            public ClaimRound claim(int limit, int startNow) {
                return fixture.inTransaction(s -> {
                    claims.store = s.tasks();
                    runsInProgress.store = s.tasks();
                    return claims.claim(limit, startNow);
                });
            }

            @Override
            public boolean quarantine(long taskId, Throwable failure) {
                return fixture.inTransaction(s -> {
                    claims.store = s.tasks();
                    runsInProgress.store = s.tasks();
                    return claims.quarantine(taskId, failure);
                });
            }
        }, clock);
        wireWorkers();
    }

    private void wireWorkers() {
        ActionRegistry registry = new ActionRegistry() {
            @Override
            public <R> Optional<R> withAction(String name, Function<TaskAction, R> work) {
                return Optional.ofNullable(registered.get(name)).map(work);
            }

            @Override
            public String notFoundMessage(String name, String nodeId) {
                return "No action named " + name + " in the test";
            }
        };
        ActionInvoker invoker = new ActionInvoker();
        invoker.actions = registry;
        invoker.node = node;
        invoker.clock = clock;
        invoker.jsonb = JsonbBuilder.create();
        workers.invoker = invoker;
        workers.clock = clock;
        workers.ticker = () -> clock.instant().toEpochMilli() * 1_000_000L;
        workers.config = config;
        workers.node = node;
        workers.capacityFreed = new IgnoredEvent<>();
        workers.events = new ExecutionEvents();
        workers.metrics = new EngineMetrics() {
            @Override
            public void ran(ClaimedFire fire, ExecutionStatus status, Instant startedAt, long tookNanos) {
            }
        };
        workers.outcomes = new RecordOutcome() {
            @Override
            public Set<Long> markRunning(List<Long> executionIds, Instant startedAt) {
                return fixture.inTransaction(s -> {
                    outcomes.store = s.tasks();
                    return outcomes.markRunning(executionIds, startedAt);
                });
            }

            @Override
            public void finishAll(List<Finished> finished) {
                fixture.inTransaction(s -> {
                    outcomes.store = s.tasks();
                    outcomes.finishAll(finished);
                    return null;
                });
                recorded.release(finished.size());
            }

            @Override
            public ExecutionOutcome finishWith(Finished run, CommitWithOutcome step) throws Exception {
                try {
                    ExecutionOutcome outcome = fixture.inTransaction(s -> {
                        outcomes.store = s.tasks();
                        try {
                            return outcomes.finishWith(run, step);
                        } catch (Exception e) {
                            throw new StepFailed(e);
                        }
                    });
                    recorded.release();
                    return outcome;
                } catch (StepFailed e) {
                    throw (Exception) e.getCause();
                }
            }

            @Override
            public void handBack(List<Finished> lost) {
                fixture.inTransaction(s -> {
                    outcomes.store = s.tasks();
                    outcomes.handBack(lost);
                    return null;
                });
            }

            @Override
            public void unmarkRunning(List<Long> executionIds) {
                fixture.inTransaction(s -> {
                    outcomes.store = s.tasks();
                    outcomes.unmarkRunning(executionIds);
                    return null;
                });
            }
        };
        workers.assemble();
    }

    /** Carries a step's checked exception out of the fixture's transaction, which it rolls back. */
    private static final class StepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailed(Exception cause) {
            super(cause);
        }
    }

    /**
     * Runs the workers on threads of their own, with their timeouts' watchdog, measuring run times by the JVM's
     * monotonic clock: for what needs a second thread, such as interrupting a run. Fires go to them with
     * {@link #submitDue}.
     */
    void startThreads(Duration abandonAfter) {
        workers.threadFactory = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable work) {
                Thread thread = new Thread(work);
                thread.setDaemon(true);
                return thread;
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException();
            }
        };
        workers.ticker = System::nanoTime;
        workers.abandonAfter = abandonAfter;
        workers.assemble();
        workers.start();
    }

    /** Waits until the workers' threads have recorded {@code count} more outcomes; fails after 30 s. */
    void awaitRecorded(int count) {
        try {
            if (!recorded.tryAcquire(count, 30, TimeUnit.SECONDS)) {
                throw new AssertionError("The workers recorded fewer than " + count + " outcomes within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted waiting for " + count + " outcomes", e);
        }
    }

    /** Ends the threads of {@link #startThreads}. */
    void stopThreads() {
        workers.stop();
    }

    /**
     * Cancels an execution as the Scheduler does: in the database, then on this node's workers if they run it.
     *
     * @return whether it was running and is now being interrupted
     */
    boolean cancelExecution(long executionId, String reason) {
        List<Long> running = fixture.inTransaction(s -> s.tasks().cancelExecutions(List.of(executionId), reason,
                clock.instant()));
        return running.contains(executionId) && workers.cancel(executionId, reason);
    }

    /** What a heartbeat does with the cancels other nodes requested for this node's runs; returns them. */
    Map<Long, String> pollCancels() {
        Map<Long, String> requests = fixture.inTransaction(s -> s.tasks().cancelRequests(node.id()));
        requests.forEach(workers::cancel);
        return requests;
    }

    /** Claims what is due now and hands it to the workers' threads; returns the fires claimed. */
    List<ClaimedFire> submitDue() {
        List<ClaimedFire> fires = isolatingClaims.claim(workers.claimable(), workers.startable()).fires();
        workers.submit(fires);
        return fires;
    }

    /**
     * What the dispatcher does after a round whose commit failed: hands the workers the fires this node holds in the
     * database but they do not; returns them.
     */
    List<ClaimedFire> adoptUnheld() {
        List<ClaimedFire> adopted = fixture.inTransaction(s -> {
            claims.store = s.tasks();
            return claims.unheld(workers.held());
        });
        workers.submit(adopted);
        return adopted;
    }

    /** Registers the action the engine runs for tasks whose action is {@code name}. */
    void action(String name, TaskAction action) {
        registered.put(name, action);
    }

    /**
     * Claims what is due now, as the dispatcher does (as much as the workers have room for), and runs it through the
     * workers on this thread, recording the outcomes; returns the fires claimed.
     */
    List<ClaimedFire> runDue() {
        List<ClaimedFire> fires = isolatingClaims.claim(workers.claimable(), workers.startable()).fires();
        workers.submit(fires);
        workers.runQueuedHere();
        return fires;
    }

    Instant now() {
        return clock.instant();
    }

    void setTime(Instant at) {
        clock.set(at);
    }

    void advance(Duration by) {
        clock.advance(by);
    }

    /** Draws {@code draw} for the jitter of every retry delay from now on (0.5, no jitter, by default). */
    void jitterDraw(double draw) {
        outcomes.jitterDraw = () -> draw;
    }

    /** The earliest next fire or due retry, as the dispatcher reads it to know when to wake. */
    Optional<Instant> earliestDue() {
        return fixture.inTransaction(s -> s.tasks().earliestNextFire());
    }

    /** Claims up to {@code limit} due fires as queued, as a node whose workers are all busy does. */
    List<ClaimedFire> claimQueued(int limit) {
        return isolatingClaims.claim(limit, 0).fires();
    }

    /** Claims what is due now, as the dispatcher does, up to {@code limit} fires. */
    List<ClaimedFire> claimDue(int limit) {
        return isolatingClaims.claim(limit, limit).fires();
    }

    /**
     * Records each fire as having run successfully from now to now, in one batch as the workers do; a fire the claim
     * did not record as running is marked running first, as a worker does when it takes it.
     */
    void recordSucceeded(List<ClaimedFire> fires) {
        Instant now = clock.instant();
        List<Long> queued = fires.stream().filter(fire -> fire.startedAt().isEmpty()).map(ClaimedFire::executionId)
                .toList();
        if (!queued.isEmpty()) {
            fixture.inTransaction(s -> {
                outcomes.store = s.tasks();
                return outcomes.markRunning(queued, now);
            });
        }
        fixture.inTransaction(s -> {
            outcomes.store = s.tasks();
            outcomes.finishAll(fires.stream().map(fire -> new RecordOutcome.Finished(fire, new ExecutionOutcome(
                    fire.executionId(), fire.taskId(), fire.kind(), fire.endMovesSchedule(), ExecutionStatus.SUCCEEDED,
                    fire.startedAt().orElse(now), now, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty()))).toList());
            return null;
        });
    }

    /** Claims what is due and records every fire as a success; returns the fires. */
    List<ClaimedFire> runDueOnce() {
        List<ClaimedFire> fires = claimDue(MOST_PER_ROUND);
        recordSucceeded(fires);
        return fires;
    }

    /** One sweep by this node, in one transaction; returns the executions it took over. */
    List<ClaimedFire> sweep() {
        return fixture.inTransaction(s -> {
            takeOver.cluster = s.cluster();
            takeOver.tasks = s.tasks();
            outcomes.store = s.tasks();
            return takeOver.sweep();
        });
    }

    /** Wake-ups go nowhere: the test says when the engine looks again. */
    private static class IgnoredEvent<T> implements Event<T> {
        @Override
        public void fire(T event) {
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
