package dev.clockwork.engine;

import dev.clockwork.api.ExecutionEnded;
import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionStarted;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.store.ExecutionOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires {@link ExecutionStarted} and {@link ExecutionEnded} on the worker thread, to the application's observers.
 * Which kinds of observers exist (synchronous, asynchronous) is looked up once, since a deployment's observers do not
 * change: with none, a run pays one field read per event. An observer that throws is logged and changes nothing.
 */
@ApplicationScoped
public class ExecutionEvents {

    private static final Logger LOG = Logger.getLogger(ExecutionEvents.class.getName());

    @Inject
    Event<ExecutionStarted> started;
    @Inject
    Event<ExecutionEnded> ended;
    @Inject
    BeanManager beans;

    private Observers onStart = Observers.NONE;
    private Observers onEnd = Observers.NONE;

    @PostConstruct
    void findObservers() {
        onStart = Observers.of(beans.resolveObserverMethods(new ExecutionStarted(0, "", "", Instant.EPOCH, 1,
                ExecutionKind.SCHEDULED, Instant.EPOCH)));
        onEnd = Observers.of(beans.resolveObserverMethods(new ExecutionEnded(0, "", "", Instant.EPOCH, 1,
                ExecutionKind.SCHEDULED, ExecutionStatus.SUCCEEDED, Duration.ZERO, Optional.empty(),
                Optional.empty())));
    }

    /** Whether anything observes the ends of runs. */
    boolean endObserved() {
        return onEnd != Observers.NONE;
    }

    void started(ClaimedFire fire, Instant at) {
        if (onStart != Observers.NONE) {
            fire(started, onStart, new ExecutionStarted(fire.executionId(), fire.taskName(), fire.action(),
                    fire.fireTime(), fire.attempt(), fire.kind(), at), fire);
        }
    }

    void ended(ClaimedFire fire, ExecutionOutcome outcome) {
        if (onEnd != Observers.NONE) {
            fire(ended, onEnd, new ExecutionEnded(fire.executionId(), fire.taskName(), fire.action(), fire.fireTime(),
                    fire.attempt(), fire.kind(), outcome.status(),
                    Duration.between(outcome.startedAt(), outcome.finishedAt()), outcome.result(), outcome.error()),
                    fire);
        }
    }

    private static <T> void fire(Event<T> event, Observers observers, T payload, ClaimedFire fire) {
        if (observers.sync()) {
            try {
                event.fire(payload);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "An observer of " + payload.getClass().getSimpleName() + " of execution "
                        + fire.executionId() + " (task " + fire.taskName() + ") failed; the execution goes on as it"
                        + " was", e);
            }
        }
        if (observers.async()) {
            event.fireAsync(payload).exceptionally(e -> {
                LOG.log(Level.WARNING, "An asynchronous observer of " + payload.getClass().getSimpleName()
                        + " of execution " + fire.executionId() + " (task " + fire.taskName() + ") failed", e);
                return payload;
            });
        }
    }

    /** Which kinds of observers an event has. */
    private record Observers(boolean sync, boolean async) {
        static final Observers NONE = new Observers(false, false);

        static Observers of(Set<? extends ObserverMethod<?>> methods) {
            boolean sync = methods.stream().anyMatch(m -> !m.isAsync());
            boolean async = methods.stream().anyMatch(ObserverMethod::isAsync);
            return sync || async ? new Observers(sync, async) : NONE;
        }
    }
}
