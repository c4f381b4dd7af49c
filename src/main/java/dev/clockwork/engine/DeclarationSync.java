package dev.clockwork.engine;

import dev.clockwork.api.TaskChanged;
import dev.clockwork.engine.rules.DeclaredTask;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.ReconcileDeclarations;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** One reconciliation of the declared tasks ({@link ReconcileDeclarations}), in a transaction of its own. */
@ApplicationScoped
public class DeclarationSync {

    @Inject
    TaskStore store;
    @Inject
    Clock clock;
    @Inject
    EngineConfig config;
    @Inject
    CurrentUser user;
    @Inject
    TaskAudit audit;
    @Inject
    TaskEvents events;
    @Inject
    Event<WakeUp> wakeUp;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ReconcileDeclarations.Result reconcile(List<DeclaredTask> declared) {
        return new ReconcileDeclarations(store, clock, config.defaultZone(), user.name(),
                new ReconcileDeclarations.Changes() {
                    @Override
                    public void created(TaskRow task) {
                        audit.created(task);
                        task.nextFireAt().ifPresent(at -> wakeUp.fire(new WakeUp(at)));
                        events.fire(task.name(), TaskChanged.Change.CREATED, Optional.of(view(task)));
                    }

                    @Override
                    public void changed(String command, TaskRow before, TaskRow after) {
                        audit.changed(command, before, after);
                        after.nextFireAt().ifPresent(at -> wakeUp.fire(new WakeUp(at)));
                        events.fire(after.name(), command.equals("undeclare") ? TaskChanged.Change.UNDECLARED
                                : TaskChanged.Change.UPDATED, Optional.of(view(after)));
                    }
                }).reconcile(declared);
    }

    private static dev.clockwork.api.TaskInfo view(TaskRow task) {
        return TaskViews.task(task, Optional.empty(), List.of());
    }
}
