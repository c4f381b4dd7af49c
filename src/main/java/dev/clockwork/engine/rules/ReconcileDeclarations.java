package dev.clockwork.engine.rules;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskState;
import dev.clockwork.store.Declaration;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings the tasks declared in code ({@link dev.clockwork.api.Recurring}) and the database into line, in the caller's
 * transaction, holding the declarations' lock row so that nodes deploying at once take turns: the first creates
 * and changes, the others find nothing to do. A new declaration creates its task; one whose fingerprint the task
 * carries changes nothing (an operator's edit stays); a changed one replaces the task's definition (the state stays,
 * an active task is scheduled from now); a task whose declaration is gone is paused and marked no longer declared.
 */
public final class ReconcileDeclarations {

    /** What the reconciliation changed, for the audit log and the events; called in the transaction. */
    public interface Changes {
        void created(TaskRow task);

        /** {@code command} is {@code declare} (a changed declaration) or {@code undeclare}. */
        void changed(String command, TaskRow before, TaskRow after);
    }

    /**
     * What a reconciliation did, by task name.
     *
     * @param skipped declarations that are not valid tasks, with the reason
     */
    public record Result(List<String> created, List<String> changed, List<String> unchanged, List<String> undeclared,
                         Map<String, String> skipped) {
    }

    private final TaskStore store;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final String by;
    private final Changes changes;

    /** {@code by} is who the changes are recorded as made by. */
    public ReconcileDeclarations(TaskStore store, Clock clock, ZoneId defaultZone, String by, Changes changes) {
        this.store = store;
        this.clock = clock;
        this.defaultZone = defaultZone;
        this.by = by;
        this.changes = changes;
    }

    /**
     * Reconciles {@code declared}, the declarations of this deployment.
     *
     * @throws IllegalStateException when a task changed meanwhile (the caller rolls back and tries again)
     */
    public Result reconcile(List<DeclaredTask> declared) {
        store.lockDeclarations();
        Map<String, Declaration> known = store.declarations().stream()
                .collect(Collectors.toMap(Declaration::taskName, Function.identity()));
        Result result = new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new TreeMap<>());
        for (DeclaredTask task : declared) {
            try {
                apply(task, Optional.ofNullable(known.get(task.name())), result);
            } catch (SchedulerException e) {
                result.skipped().put(task.name(), task.source() + ": " + e.getMessage());
            }
        }
        Set<String> names = declared.stream().map(DeclaredTask::name).collect(Collectors.toSet());
        known.values().stream().filter(Declaration::declared).filter(d -> !names.contains(d.taskName()))
                .forEach(gone -> undeclare(gone, result));
        return result;
    }

    private void apply(DeclaredTask declared, Optional<Declaration> known, Result result) {
        TaskDefinition definition = TaskDefinitions.check(declared.spec(), defaultZone);
        Instant now = clock.instant();
        Optional<TaskRow> existing = store.findByName(definition.name());
        if (existing.isEmpty()) {
            Instant first = ScheduleRules.requireFirstFire(definition.trigger(), definition.zone(), now, now);
            TaskRow row = TaskRow.builder(definition.name()).trigger(definition.trigger().toString())
                    .zone(definition.zone().getId()).action(definition.action()).args(definition.argsJson())
                    .priority(definition.priority()).description(definition.description()).anchorAt(now)
                    .nextFireAt(Optional.of(first)).timeout(definition.timeout()).retry(definition.retry())
                    .fires(definition.fires()).created(now, by).build();
            TaskRow stored = store.insert(row).orElseThrow(() -> new IllegalStateException("Task " + row.name()
                    + " was created by someone else while the declarations' lock was held"));
            store.markDeclared(stored.id(), declared.fingerprint());
            changes.created(stored);
            result.created().add(stored.name());
            return;
        }
        TaskRow task = existing.get();
        if (known.isPresent() && known.get().fingerprint().equals(declared.fingerprint())) {
            if (!known.get().declared()) {
                // Declared again: marked so; its state is the operator's (resume it if it was paused when it went).
                store.markDeclared(task.id(), declared.fingerprint());
            }
            result.unchanged().add(task.name());
            return;
        }
        TaskRow changed = task.withDefinition(definition.trigger().toString(), definition.zone().getId(),
                definition.action(), definition.argsJson(), definition.priority(), definition.description(), now)
                .withPolicies(definition.timeout(), definition.retry(), definition.fires());
        if (TaskLifecycle.afterUpdate(task.state()) == TaskState.ACTIVE) {
            changed = changed.withSchedule(TaskState.ACTIVE, Optional.of(
                    ScheduleRules.requireFirstFire(definition.trigger(), definition.zone(), now, now)));
        }
        changes.changed("declare", task, changed);
        write(changed);
        store.markDeclared(task.id(), declared.fingerprint());
        result.changed().add(task.name());
    }

    private void undeclare(Declaration gone, Result result) {
        Optional<TaskRow> task = store.findById(gone.taskId());
        if (task.isEmpty()) {
            return;
        }
        TaskRow before = task.get();
        if (before.state() == TaskState.ACTIVE || before.state() == TaskState.ERROR) {
            TaskRow paused = before.withSchedule(TaskState.PAUSED, Optional.empty());
            changes.changed("undeclare", before, paused);
            write(paused);
        } else {
            changes.changed("undeclare", before, before);
        }
        store.markUndeclared(before.id());
        result.undeclared().add(before.name());
    }

    private void write(TaskRow task) {
        store.update(task.withUpdate(clock.instant(), by)).orElseThrow(() -> new IllegalStateException("Task "
                + task.name() + " was changed by someone else while its declaration was applied"));
    }
}
