package dev.clockwork.engine;

import dev.clockwork.api.ActionInfo;
import dev.clockwork.api.ExecutionInfo;
import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionQuery;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.Page;
import dev.clockwork.api.Scheduler;
import dev.clockwork.api.TaskChanged;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskInfo;
import dev.clockwork.api.TaskQuery;
import dev.clockwork.api.TaskSpec;
import dev.clockwork.api.TaskState;
import dev.clockwork.engine.rules.ActionsConfig;
import dev.clockwork.engine.rules.AmqpConfig;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.ScheduleRules;
import dev.clockwork.engine.rules.TaskDefinition;
import dev.clockwork.engine.rules.TaskDefinitions;
import dev.clockwork.engine.rules.TaskLifecycle;
import dev.clockwork.engine.rules.TaskLifecycle.Command;
import dev.clockwork.store.Declaration;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.RunInProgress;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import dev.clockwork.trigger.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The {@link Scheduler}: every rule about creating and steering tasks is applied here, for Java callers, REST and
 * the console alike. Each method is one short transaction.
 */
@ApplicationScoped
@Transactional
public class TaskService implements Scheduler {

    private static final Logger LOG = Logger.getLogger(TaskService.class.getName());

    private static final int MAX_PAGE = 1000;

    @Inject
    TaskStore store;
    @Inject
    Clock clock;
    @Inject
    EngineConfig config;
    @Inject
    NodeIdentity node;
    @Inject
    ActionRegistry actions;
    @Inject
    ArgsJson argsJson;
    @Inject
    CurrentUser user;
    @Inject
    Event<WakeUp> wakeUp;
    @Inject
    Event<ManualRun> manualRun;
    @Inject
    Event<RunCancelled> runCancelled;
    @Inject
    TaskAudit audit;
    @Inject
    TaskEvents events;
    @Inject
    AdHocRuns adHoc;
    @Inject
    ClusterActions clusterActions;
    @Inject
    ActionsConfig actionsConfig;
    @Inject
    JmsProvider jms;
    @Inject
    AmqpConfig amqpConfig;

    @Override
    public TaskInfo schedule(TaskSpec spec) {
        TaskDefinition definition = check(spec);
        checkReach(definition.action(), definition.argsJson(), Optional.empty());
        Instant now = clock.instant();
        Optional<Instant> first = firstFire(definition.trigger(), definition.zone(), now);
        String by = user.name();
        TaskRow row = TaskRow.builder(definition.name()).trigger(definition.trigger().toString())
                .zone(definition.zone().getId()).action(definition.action()).args(definition.argsJson())
                .priority(definition.priority()).description(definition.description()).anchorAt(now).nextFireAt(first)
                .timeout(definition.timeout()).retry(definition.retry()).fires(definition.fires()).created(now, by)
                .build();
        TaskRow stored = store.insert(row).orElseThrow(() -> new SchedulerException(
                SchedulerException.Reason.CONFLICT, "name", "A task named \"" + definition.name()
                + "\" already exists; choose another name or update that task."));
        first.ifPresent(at -> wakeUp.fire(new WakeUp(at)));
        audit.created(stored);
        TaskInfo view = view(stored, Optional.empty());
        events.fire(stored.name(), TaskChanged.Change.CREATED, Optional.of(view));
        return view;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TaskInfo> find(String name) {
        return store.findByName(name).map(this::view);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TaskInfo> list(TaskQuery query) {
        Page<TaskRow> rows = store.list(query);
        List<Long> ids = rows.items().stream().map(TaskRow::id).toList();
        Map<Long, ExecutionStatus> lastStatuses = store.lastStatuses(ids);
        Map<Long, Declaration> declarations = store.declarations(ids);
        return new Page<>(rows.items().stream().map(row -> view(row, Optional.ofNullable(lastStatuses.get(row.id())),
                Optional.ofNullable(declarations.get(row.id())))).toList(), rows.total(), rows.offset(), rows.limit());
    }

    @Override
    public TaskInfo update(TaskSpec spec) {
        TaskDefinition definition = check(spec);
        TaskRow task = existing(definition.name());
        checkReach(definition.action(), definition.argsJson(), Optional.of(task));
        TaskLifecycle.check(task.name(), task.state(), Command.UPDATE);
        Instant now = clock.instant();
        TaskRow changed = task.withDefinition(definition.trigger().toString(), definition.zone().getId(),
                definition.action(), definition.argsJson(), definition.priority(), definition.description(), now)
                .withPolicies(definition.timeout(), definition.retry(), definition.fires());
        return save("update", task, rescheduled(changed, definition.trigger(), now));
    }

    @Override
    public TaskInfo reschedule(String name, String trigger) {
        TaskRow task = existing(name);
        TaskLifecycle.check(task.name(), task.state(), Command.UPDATE);
        checkReach(task.action(), task.args(), Optional.of(task));
        Trigger parsed = TaskDefinitions.parseNewTrigger(trigger, task.name());
        Instant now = clock.instant();
        TaskRow changed = task.withDefinition(parsed.toString(), task.zone(), task.action(), task.args(),
                task.priority(), task.description(), now);
        return save("update", task, rescheduled(changed, parsed, now));
    }

    @Override
    public TaskInfo pause(String name) {
        TaskRow task = existing(name);
        if (!TaskLifecycle.check(task.name(), task.state(), Command.PAUSE)) {
            return view(task);
        }
        return save("pause", task, task.withSchedule(TaskState.PAUSED, Optional.empty()));
    }

    @Override
    public TaskInfo resume(String name) {
        TaskRow task = existing(name);
        if (!TaskLifecycle.check(task.name(), task.state(), Command.RESUME)) {
            return view(task);
        }
        Instant now = clock.instant();
        Trigger trigger = TaskDefinitions.parseTrigger(task.trigger(), task.name());
        Optional<Instant> next = ScheduleRules.firstFire(trigger, ZoneId.of(task.zone()), task.anchorAt(), now);
        return save("resume", task, task.withSchedule(next.isPresent() ? TaskState.ACTIVE : TaskState.DONE, next));
    }

    @Override
    public long runNow(String name) {
        TaskRow task = existing(name);
        TaskLifecycle.check(task.name(), task.state(), Command.RUN_NOW);
        Instant now = clock.instant();
        long id = store.insertExecution(ExecutionRow.queued(task.id(), task.name(), now, 1, ExecutionKind.MANUAL,
                node.id(), now));
        manualRun.fire(new ManualRun(ClaimedFire.of(id, task, now, 1, ExecutionKind.MANUAL, Optional.empty(),
                false)));
        audit.ranNow(task, id);
        return id;
    }

    @Override
    public long runNow(String name, String argsJson) {
        TaskRow task = existing(name);
        TaskLifecycle.check(task.name(), task.state(), Command.RUN_NOW);
        return adHoc.runWithArgs(task, argsJson);
    }

    @Override
    public long enqueue(String action, String argsJson) {
        if (!actions.isDeployed(action)) {
            throw new SchedulerException(SchedulerException.Reason.NOT_FOUND, "action",
                    actions.notFoundMessage(action, node.id()));
        }
        return adHoc.enqueue(action, argsJson);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActionInfo> actions() {
        return clusterActions.list();
    }

    @Override
    public TaskInfo cancel(String name) {
        TaskRow task = existing(name);
        if (!TaskLifecycle.check(task.name(), task.state(), Command.CANCEL)) {
            return view(task);
        }
        Instant now = clock.instant();
        String reason = "task " + task.name() + " cancelled by " + user.name();
        int cancelled = store.cancelUnstarted(task.id(), reason, now);
        List<Long> running = store.runsInProgress(List.of(task.id())).stream()
                .filter(run -> run.status() == ExecutionStatus.RUNNING).map(RunInProgress::executionId).toList();
        interrupt(store.cancelExecutions(running, reason, now), reason);
        if (cancelled > 0 || !running.isEmpty()) {
            LOG.info(() -> "Cancelled " + cancelled + " queued or waiting executions of task " + task.name()
                    + " and interrupts its " + running.size() + " running ones");
        }
        return save("cancel", task, task.withSchedule(TaskState.CANCELLED, Optional.empty()));
    }

    @Override
    public ExecutionInfo cancelExecution(long id) {
        ExecutionRow execution = store.execution(id).orElseThrow(() -> new SchedulerException(
                SchedulerException.Reason.NOT_FOUND, "id", "No execution has id " + id + "."));
        if (execution.status().isFinal()) {
            throw new SchedulerException(SchedulerException.Reason.CONFLICT, "status", "Execution " + id
                    + " already ended " + execution.status() + "; only WAITING, QUEUED and RUNNING executions can be"
                    + " cancelled.");
        }
        String reason = "cancelled by " + user.name();
        interrupt(store.cancelExecutions(List.of(id), reason, clock.instant()), reason);
        audit.executionCancelled(execution);
        return store.execution(id).map(TaskViews::execution).orElseThrow();
    }

    /** Has the runs whose cancel was written interrupted by their node: here after commit, elsewhere by heartbeat. */
    private void interrupt(List<Long> running, String reason) {
        if (!running.isEmpty()) {
            runCancelled.fire(new RunCancelled(running, reason));
        }
    }

    @Override
    public void delete(String name) {
        if (!store.delete(name)) {
            throw SchedulerException.notFound(name);
        }
        audit.deleted(name);
        events.fire(name, TaskChanged.Change.DELETED, Optional.empty());
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ExecutionInfo> executions(String taskName, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw SchedulerException.invalid(offset < 0 ? "offset" : "limit",
                    "offset must be 0 or more and limit 1-" + MAX_PAGE + "; got offset " + offset + ", limit " + limit);
        }
        TaskRow task = existing(taskName);
        Page<ExecutionRow> rows = store.executions(task.id(), offset, limit);
        return new Page<>(rows.items().stream().map(TaskViews::execution).toList(), rows.total(), offset, limit);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ExecutionInfo> executions(ExecutionQuery query) {
        Page<ExecutionRow> rows = store.executions(query);
        return new Page<>(rows.items().stream().map(TaskViews::execution).toList(), rows.total(), rows.offset(),
                rows.limit());
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ExecutionInfo> execution(long id) {
        return store.execution(id).map(TaskViews::execution);
    }

    private TaskDefinition check(TaskSpec spec) {
        TaskDefinition definition = TaskDefinitions.check(spec, config.defaultZone(), config.maxTimeout());
        definition.argsJson().ifPresent(argsJson::check);
        return definition;
    }

    /**
     * The built-in actions that reach outside the server: only an admin (or the application's own code) creates or
     * changes a shell task, and a shell, http, amqp or celery task must be allowed by the server's settings, so that
     * REST, the console and the bean refuse the same tasks.
     */
    void checkReach(String action, Optional<String> args, Optional<TaskRow> before) {
        boolean shell = action.equals(BuiltInArgs.SHELL)
                || before.map(task -> task.action().equals(BuiltInArgs.SHELL)).orElse(false);
        if (shell && !user.isAdminOrSystem()) {
            throw new SchedulerException(SchedulerException.Reason.FORBIDDEN, "action", "Only an admin may create"
                    + " or change a shell task: it runs programs on the server. Ask an admin, or use another action.");
        }
        if (action.equals(BuiltInArgs.SHELL)) {
            BuiltInArgs.shell(args).checkAllowed(actionsConfig);
        } else if (action.equals(BuiltInArgs.HTTP)) {
            BuiltInArgs.http(args).checkAllowed(actionsConfig);
        } else if (action.equals(BuiltInArgs.JMS)) {
            JmsProvider.check(args);
        } else if (QueueArgs.publishes(action)) {
            QueueArgs.checkAllowed(action, args, amqpConfig);
        }
    }

    /**
     * What a task of {@code action} lacks on this server's settings: it is saved all the same (another node, or this
     * one after a restart, may have them), and each run says the same until an admin sets them.
     */
    List<String> settingWarnings(String action) {
        return QueueArgs.publishes(action) ? amqpConfig.configurationProblem().stream().toList() : List.of();
    }

    /** A changed definition takes effect from now: an active task gets its next fire from the new trigger. */
    private TaskRow rescheduled(TaskRow task, Trigger trigger, Instant now) {
        TaskState after = TaskLifecycle.afterUpdate(task.state());
        if (after != TaskState.ACTIVE) {
            return task;
        }
        return task.withSchedule(after, firstFire(trigger, ZoneId.of(task.zone()), now));
    }

    private Optional<Instant> firstFire(Trigger trigger, ZoneId zone, Instant now) {
        return Optional.of(ScheduleRules.requireFirstFire(trigger, zone, now, now));
    }

    /** Stores a change of {@code before} made by {@code command}, and its audit entry. */
    private TaskInfo save(String command, TaskRow before, TaskRow task) {
        audit.changed(command, before, task);
        TaskRow stored = store.update(task.withUpdate(clock.instant(), user.name()))
                .orElseThrow(() -> new SchedulerException(SchedulerException.Reason.CONFLICT, null,
                        "Task \"" + task.name() + "\" was changed by someone else meanwhile; reload it and try again."));
        stored.nextFireAt().ifPresent(at -> wakeUp.fire(new WakeUp(at)));
        TaskInfo view = view(stored);
        events.fire(stored.name(), CHANGES.get(command), Optional.of(view));
        return view;
    }

    /** The event of each command that {@link #save} stores. */
    private static final Map<String, TaskChanged.Change> CHANGES = Map.of("update", TaskChanged.Change.UPDATED,
            "pause", TaskChanged.Change.PAUSED, "resume", TaskChanged.Change.RESUMED,
            "cancel", TaskChanged.Change.CANCELLED);

    private TaskRow existing(String name) {
        return store.findByName(name).orElseThrow(() -> SchedulerException.notFound(name));
    }

    /** The task as the API shows it, with the status of its latest ended execution. */
    private TaskInfo view(TaskRow row) {
        return view(row, Optional.ofNullable(store.lastStatuses(List.of(row.id())).get(row.id())),
                Optional.ofNullable(store.declarations(List.of(row.id())).get(row.id())));
    }

    private TaskInfo view(TaskRow row, Optional<ExecutionStatus> lastStatus) {
        return view(row, lastStatus, Optional.empty());
    }

    private TaskInfo view(TaskRow row, Optional<ExecutionStatus> lastStatus, Optional<Declaration> declaration) {
        List<String> warnings = new ArrayList<>(3);
        declaration.ifPresent(d -> warnings.add(d.declared()
                ? "Declared in code (@Recurring): the next deployment whose declaration differs replaces its"
                + " definition; pause, resume and run now are the operator's."
                : "No longer declared in code: a deployment without its @Recurring declaration paused it. Delete it,"
                + " or resume it to run it still."));
        row.stateReason().ifPresent(reason -> warnings.add("The engine stopped scheduling this task: " + reason
                + " Fix its definition (PUT) or resume it to schedule it again."));
        warnings.addAll(settingWarnings(row.action()));
        if (!actions.isDeployed(row.action())) {
            warnings.add("Action \"" + row.action() + "\" is not deployed on node " + node.id()
                    + "; the task fires but ends ACTION_NOT_FOUND on nodes without it.");
        }
        if (row.action().equals(BuiltInArgs.JMS)) {
            warnings.addAll(jms.warnings(row.args()));
        }
        return TaskViews.task(row, lastStatus, warnings);
    }
}
