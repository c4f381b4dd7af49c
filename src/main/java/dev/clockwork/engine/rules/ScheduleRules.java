package dev.clockwork.engine.rules;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.FirePolicy;
import dev.clockwork.api.Misfire;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskState;
import dev.clockwork.store.TaskRow;
import dev.clockwork.trigger.Durations;
import dev.clockwork.trigger.Horizon;
import dev.clockwork.trigger.Timing;
import dev.clockwork.trigger.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.List;
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

    /** Most missed fires counted for a misfire: beyond it a schedule goes on from now. */
    static final int MOST_COUNTED = 100_000;

    /**
     * What claiming {@code fireTime} at {@code now} does: run it or record it skipped, and the task's next fire. A
     * fire claimed within the grace (the policy's, else {@code defaultGrace}) after its time is on time; a later one
     * is a misfire, which the policy decides:
     * <ul>
     * <li>{@code FIRE_ONCE} runs it for all the missed fires and goes on from the first fire after now. So does an
     * on-time fire whose next fire is already past the grace: a node running a little late loses none, a cluster
     * that was down runs once.</li>
     * <li>{@code SKIP} records it skipped and goes on from the first fire after now.</li>
     * <li>{@code CATCH_UP} runs every missed fire, one per claim, oldest first; when more than {@code maxCatchUp}
     * are missed, it skips all but the last {@code maxCatchUp}.</li>
     * </ul>
     * A fixed-delay trigger has no next fire until the run ends, unless its fire is skipped.
     */
    public static Claim afterClaim(Trigger trigger, ZoneId zone, Instant anchor, Instant fireTime, Instant now,
                                   FirePolicy fires, Duration defaultGrace, int maxCatchUp) {
        Duration grace = fires.grace().orElse(defaultGrace);
        boolean late = now.isAfter(fireTime.plus(grace));
        if (late && fires.misfire() == Misfire.SKIP) {
            Missed missed = missed(trigger, zone, anchor, fireTime, now, 0);
            return Claim.skip("misfire SKIP: " + missed.describe() + " missed by more than the grace of "
                    + Durations.format(grace), Horizon.within(trigger.nextFireAfter(now, zone, anchor)));
        }
        if (trigger.timing() == Timing.FIXED_DELAY) {
            return Claim.run(Optional.empty());
        }
        Optional<Instant> next = trigger.nextFireAfter(fireTime, zone, anchor);
        if (fires.misfire() == Misfire.CATCH_UP) {
            if (late) {
                Missed missed = missed(trigger, zone, anchor, fireTime, now, maxCatchUp);
                if (missed.count() > maxCatchUp) {
                    Optional<Instant> resume = missed.counted()
                            ? Optional.of(missed.lastOnes().get(0))
                            : trigger.nextFireAfter(now, zone, anchor);
                    return Claim.skip("misfire CATCH_UP: " + missed.describe() + " missed; "
                            + (missed.counted() ? "the last " + maxCatchUp + " run" : "the schedule goes on from now")
                            + " (clockwork.max-catch-up is " + maxCatchUp + ")", Horizon.within(resume));
                }
            }
            return Claim.run(Horizon.within(next));
        }
        if (next.isPresent() && next.get().isBefore(now.minus(grace))) {
            return Claim.run(Horizon.within(trigger.nextFireAfter(now, zone, anchor)));
        }
        return Claim.run(Horizon.within(next));
    }

    /**
     * What a claim does with its fire.
     *
     * @param skipped why the fire runs nothing and is recorded skipped; empty when it runs
     * @param next the task's next fire
     */
    public record Claim(Optional<String> skipped, Optional<Instant> next) {

        static Claim run(Optional<Instant> next) {
            return new Claim(Optional.empty(), next);
        }

        static Claim skip(String reason, Optional<Instant> next) {
            return new Claim(Optional.of(reason), next);
        }

        /** This claim with its fire skipped for {@code reason}, its next fire unchanged. */
        public Claim skippedFor(String reason) {
            return new Claim(Optional.of(reason), next);
        }
    }

    /**
     * The fires from {@code first} up to {@code now}: how many (at most {@code most} counted), and the last of them.
     *
     * @param lastOnes the last fires counted, oldest first, as many as the caller keeps
     * @param counted whether every fire up to now was counted
     */
    private record Missed(long count, Instant first, Instant last, List<Instant> lastOnes, boolean counted) {

        String describe() {
            String many = counted ? String.valueOf(count) : "more than " + count;
            return count == 1 ? "the fire at " + first : many + " fires from " + first + " to " + last;
        }
    }

    /** Counts the fires from {@code first} up to {@code now}, keeping the last {@code keep} of them. */
    private static Missed missed(Trigger trigger, ZoneId zone, Instant anchor, Instant first, Instant now, int keep) {
        ArrayDeque<Instant> lastOnes = new ArrayDeque<>();
        long count = 0;
        Instant last = first;
        Optional<Instant> fire = Optional.of(first);
        while (fire.isPresent() && !fire.get().isAfter(now) && count < MOST_COUNTED) {
            count++;
            last = fire.get();
            lastOnes.addLast(last);
            if (lastOnes.size() > keep) {
                lastOnes.removeFirst();
            }
            fire = trigger.nextFireAfter(last, zone, anchor);
        }
        boolean counted = fire.isEmpty() || fire.get().isAfter(now);
        return new Missed(count, first, last, List.copyOf(lastOnes), counted);
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
