package dev.clockwork.web;

import dev.clockwork.api.RetryPolicy;
import dev.clockwork.trigger.Durations;
import dev.clockwork.api.ExecutionQuery;
import dev.clockwork.api.Scheduler;
import dev.clockwork.api.TaskInfo;
import dev.clockwork.trigger.Trigger;
import dev.clockwork.trigger.TriggerFormatException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One task, its steering buttons and its executions, newest first. The task is read once per request
 * ({@link #load}, from {@code f:viewAction} and again after a command), never from a getter.
 */
@Named("taskView")
@ViewScoped
public class TaskBean extends ExecutionsView {

    private static final long serialVersionUID = 1L;
    private static final int NEXT_FIRES = 5;
    /** How many of a queue task's latest executions the page looks through for its last message id. */
    private static final int HAND_OFF_LOOK_BACK = 20;

    @Inject
    transient Notices notices;

    private String name;
    private String runArgs;
    private TaskInfo info;
    private Optional<String> lastHandOff = Optional.empty();

    /** Reads the task; the page then renders from this copy. */
    public void load() {
        info = name == null ? null : scheduler.find(name).orElse(null);
        lastHandOff = info == null ? Optional.empty() : LastHandOff.id(info.action(),
                LastHandOff.handsOff(info.action()) ? scheduler.executions(name, 0, HAND_OFF_LOOK_BACK).items()
                        : List.of());
    }

    /** The id of the message this queue task handed to its broker last (amqp, celery); empty for other actions. */
    public Optional<String> getLastHandOff() {
        return lastHandOff;
    }

    public void pause() {
        steering.pause(name);
        load();
    }

    public void resume() {
        steering.resume(name);
        load();
    }

    public void runNow() {
        steering.runNow(name);
        load();
    }

    public void runWithArgs() {
        if (steering.runWithArgs(name, runArgs)) {
            runArgs = null;
        }
        load();
    }

    /** The arguments of a run with other arguments, as typed (JSON). */
    public String getRunArgs() {
        return runArgs;
    }

    public void setRunArgs(String runArgs) {
        this.runArgs = runArgs;
    }

    public void cancel() {
        steering.cancel(name);
        load();
    }

    /** Deletes the task and goes back to the list; a refusal keeps the page. */
    public String delete() {
        if (steering.delete(name)) {
            notices.keepForRedirect();
            return "/tasks?faces-redirect=true";
        }
        load();
        return null;
    }

    /** The next fire times, each in the task's zone with its UTC offset; empty when it is not scheduled. */
    public List<String> getNextFires() {
        if (info == null || info.nextFireAt().isEmpty()) {
            return List.of();
        }
        ZoneId zone = ZoneId.of(info.zone());
        Instant next = info.nextFireAt().get();
        List<Instant> fires = new ArrayList<>(List.of(next));
        try {
            Trigger trigger = Trigger.parse(info.trigger(), info.name());
            // The next fire is on the schedule's grid, so it anchors the rest. A trigger with a fixed number of fires
            // ("times 3") cannot say from here how many are left.
            if (trigger.maxFires().isEmpty()) {
                fires.addAll(trigger.nextFiresAfter(next, zone, next, NEXT_FIRES - 1));
            }
        } catch (TriggerFormatException e) {
            // The engine puts such a task in ERROR; its page shows the reason.
        }
        return fires.stream().map(at -> TimeText.withOffset(at, zone)).toList();
    }

    /** The timeout in the trigger language's duration text, or "none". */
    public String getTimeoutText() {
        return getInfo().timeout().map(Durations::format).orElse(notices.text("task.timeout.none"));
    }

    public String getGraceText() {
        return getInfo().fires().grace().map(Durations::format).orElse(notices.text("task.grace.default"));
    }

    /** The retry policy in words, e.g. "3 attempts, 10s back-off ×2 up to 1h, ±10 %", or "no retry". */
    public String getRetryText() {
        RetryPolicy retry = getInfo().retry();
        if (!retry.retries()) {
            return notices.text("task.retry.none");
        }
        return notices.text("task.retry.policy", retry.attempts(), Durations.format(retry.backoff()),
                retry.multiplier(), Durations.format(retry.maxBackoff()), Math.round(retry.jitter() * 100));
    }

    public TaskInfo getInfo() {
        return info;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    Optional<ExecutionQuery> query(int offset, int limit) {
        return Optional.ofNullable(name).map(task -> ExecutionQuery.all(limit).ofTask(task).page(offset, limit));
    }
}
