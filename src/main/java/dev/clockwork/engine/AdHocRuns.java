package dev.clockwork.engine;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskState;
import dev.clockwork.engine.rules.TaskDefinitions;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Runs an action once with arguments of its own, outside any schedule: a one-off task, created {@code DONE}, holds
 * the action, the arguments and the policies, and its execution is run by this node's workers as soon as one is
 * free. The task row is what lets a retry of the run, or another node taking it over, run it with the same
 * arguments (docs/decisions/038-declared-tasks-and-ad-hoc-runs.md).
 */
@ApplicationScoped
@Transactional
public class AdHocRuns {

    /** Longest name a one-off task may take from its task or action, leaving room for the suffix. */
    private static final int MOST_BASE = 200 - ".once-".length() - 10;

    private final SecureRandom random = new SecureRandom();

    @Inject
    TaskStore store;
    @Inject
    Clock clock;
    @Inject
    NodeIdentity node;
    @Inject
    ArgsJson argsJson;
    @Inject
    CurrentUser user;
    @Inject
    Event<ManualRun> manualRun;
    @Inject
    TaskAudit audit;

    /**
     * Runs {@code task}'s action once now with {@code args} instead of the task's, under a one-off task.
     *
     * @return the id of the execution
     */
    long runWithArgs(TaskRow task, String args) {
        TaskRow once = oneOff(task.name(), task.action(), Optional.of(checked(args)))
                .priority(task.priority()).timeout(task.timeout()).retry(task.retry())
                .description(Optional.of("Run of task " + task.name() + " with other arguments")).build();
        long id = run(once);
        audit.ranNow(task, id);
        return id;
    }

    /** Runs {@code action} once with {@code args} (null for none), under a one-off task; returns the execution's id. */
    long enqueue(String action, String args) {
        TaskRow once = oneOff(action, action, Optional.ofNullable(args).map(this::checked))
                .description(Optional.of("Run of action " + action + " with its own arguments")).build();
        return run(once);
    }

    private String checked(String args) {
        String json = args == null ? "" : args.strip();
        if (json.isEmpty()) {
            throw SchedulerException.invalid("args", "The arguments are empty; give a JSON value, e.g. {\"days\": 30}"
                    + " or {} for none.");
        }
        argsJson.check(json);
        return json;
    }

    private TaskRow.Builder oneOff(String base, String action, Optional<String> args) {
        Instant now = clock.instant();
        String name = (base.length() > MOST_BASE ? base.substring(0, MOST_BASE) : base) + ".once-" + suffix();
        String trigger = TaskDefinitions.parseTrigger("at " + now, name).toString();
        return TaskRow.builder(name).trigger(trigger).zone(ZoneOffset.UTC.getId()).action(action).args(args)
                .state(TaskState.DONE).anchorAt(now).created(now, user.name());
    }

    private String suffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            suffix.append(Character.forDigit(random.nextInt(36), 36));
        }
        return suffix.toString();
    }

    private long run(TaskRow once) {
        TaskRow task = store.insert(once).orElseThrow(() -> new SchedulerException(SchedulerException.Reason.CONFLICT,
                "name", "A task named \"" + once.name() + "\" exists already; try again."));
        audit.created(task);
        Instant now = clock.instant();
        long id = store.insertExecution(ExecutionRow.queued(task.id(), task.name(), now, 1, ExecutionKind.MANUAL,
                node.id(), now));
        manualRun.fire(new ManualRun(ClaimedFire.of(id, task, now, 1, ExecutionKind.MANUAL, Optional.empty(),
                false)));
        return id;
    }
}
