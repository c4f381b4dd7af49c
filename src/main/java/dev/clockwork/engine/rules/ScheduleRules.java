package dev.clockwork.engine.rules;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskState;
import dev.clockwork.store.TaskRow;
import dev.clockwork.trigger.Horizon;
import dev.clockwork.trigger.Timing;
import dev.clockwork.trigger.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What claiming a fire and finishing a run do to a task's schedule. Pure functions of their arguments. No fire time
 * they give is at or after the {@link Horizon}: a schedule that reaches it has no more fires.
 */
public final class ScheduleRules {

    private ScheduleRules() {
    }

    /** The next fire of a task scheduled (created, rescheduled, resumed) at {@code now}. */
    public static Optional<Instant> firstFire(Trigger trigger, ZoneId zone, Instant anchor, Instant now) {
        return Horizon.within(trigger.nextFireAfter(now, zone, anchor));
    }

    /**
     * The first fire of a trigger a user gives (creating or changing a task) at {@code now}.
     *
     * @throws SchedulerException INVALID "trigger" when it never fires after {@code now}, or first fires at or after
     *     the horizon
     */
    public static Instant requireFirstFire(Trigger trigger, ZoneId zone, Instant anchor, Instant now) {
        Optional<Instant> first = trigger.nextFireAfter(now, zone, anchor);
        if (first.isEmpty()) {
            throw SchedulerException.invalid("trigger", "trigger \"" + trigger + "\" has no fire time after "
                    + now + " in " + zone + "; give a time in the future.");
        }
        if (!Horizon.includes(first.get())) {
            throw SchedulerException.invalid("trigger", Horizon.refusal(trigger, first.get()));
        }
        return first.get();
    }

    /**
     * The task's next fire once {@code fireTime} is claimed at {@code now}.
     *
     * <p>Fires missed by less than {@code catchUpWindow} are kept, so a node running a little late loses none. A
     * fire further behind means the cluster was down: the fire being claimed stands for all the missed ones, and
     * the schedule resumes at the first fire after {@code now}. A fixed-delay trigger has no next fire until the
     * run ends.
     */
    public static Optional<Instant> afterClaim(Trigger trigger, ZoneId zone, Instant anchor, Instant fireTime,
                                               Instant now, Duration catchUpWindow) {
        if (trigger.timing() == Timing.FIXED_DELAY) {
            return Optional.empty();
        }
        Optional<Instant> next = trigger.nextFireAfter(fireTime, zone, anchor);
        if (next.isPresent() && next.get().isBefore(now.minus(catchUpWindow))) {
            return Horizon.within(trigger.nextFireAfter(now, zone, anchor));
        }
        return Horizon.within(next);
    }

    /**
     * The task once its fire at {@code fireTime} is claimed, with {@code next} from {@link #afterClaim}. A task whose
     * trigger has no more fires is done from this claim on, unless it counts its next fire from the end of the run
     * (fixed delay): so the end of a run of any other trigger changes nothing in the task (see
     * {@link #endMovesSchedule}), and recording it needs no write, nor lock, of the task's row.
     */
    public static TaskRow claimed(TaskRow task, Trigger trigger, Instant fireTime, Optional<Instant> next) {
        TaskRow claimed = task.withClaim(fireTime, next);
        if (next.isEmpty() && trigger.timing() != Timing.FIXED_DELAY && task.state() == TaskState.ACTIVE) {
            return claimed.withSchedule(TaskState.DONE, Optional.empty());
        }
        return claimed;
    }

    /**
     * Whether the end of a run of {@code kind} may move its task's schedule: only a scheduled run (or its retry) of a
     * fixed-delay trigger, whose next fire counts from that end. The ends of all other runs are recorded without
     * the task.
     */
    public static boolean endMovesSchedule(Trigger trigger, ExecutionKind kind) {
        return kind != ExecutionKind.MANUAL && trigger.timing() == Timing.FIXED_DELAY;
    }

    /**
     * The task after one of its runs ended at {@code finishedAt}, or empty when the run does not change it. Only
     * scheduled runs of active tasks move the schedule: a fixed-delay task gets its next fire counted from the end
     * of the run; a task whose trigger has no more fires is done.
     */
    public static Optional<TaskRow> afterRun(TaskRow task, Trigger trigger, ExecutionKind kind, Instant finishedAt) {
        if (task.state() != TaskState.ACTIVE || kind != ExecutionKind.SCHEDULED || task.nextFireAt().isPresent()) {
            return Optional.empty();
        }
        if (trigger.timing() == Timing.FIXED_RATE) {
            return Optional.of(task.withSchedule(TaskState.DONE, Optional.empty()));
        }
        boolean usedUp = trigger.maxFires().isPresent() && task.fireCount() >= trigger.maxFires().getAsLong();
        Optional<Instant> next = usedUp ? Optional.empty()
                : Horizon.within(trigger.nextFireAfter(finishedAt, ZoneId.of(task.zone()), task.anchorAt()));
        return Optional.of(task.withSchedule(next.isPresent() ? TaskState.ACTIVE : TaskState.DONE, next));
    }
}
