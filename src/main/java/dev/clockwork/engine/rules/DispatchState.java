package dev.clockwork.engine.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the dispatcher claims and how much: the state behind its loop, without its thread and lock. A round of
 * claims is asked for by the poll timer, by a wake-up at a task's next fire, and by workers that have room again
 * while due work was left behind for lack of it (the backlog). A wake-up waits past its time by how busy the
 * workers are ({@link BusyBackoff}), so that a less busy node claims first.
 *
 * <p>Not safe for use by many threads, except {@link #hasBacklog}: the loop guards the rest with its lock.
 */
public final class DispatchState {

    /** Claim rounds per wake-up, so one wake-up cannot hold the loop forever under a large backlog. */
    public static final int MOST_ROUNDS = 50;
    /** When due rows are left that this node could not claim (another node holds them), look again this soon. */
    public static final Duration HELD_ELSEWHERE = Duration.ofMillis(100);

    private final Duration pollInterval;
    private boolean pollAsked;
    private Optional<Instant> wakeAt = Optional.empty();
    private boolean stopping;
    /** Set while due work may be left behind for lack of room; read by the threads that free room. */
    private volatile boolean backlog;

    public DispatchState(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** What the loop does next. */
    public sealed interface Step {
    }

    /** Claim now. */
    public record ClaimNow() implements Step {
    }

    /** Sleep until {@code until}, or until something is asked when empty. */
    public record Sleep(Optional<Instant> until) implements Step {
    }

    /** The loop ends. */
    public record Stop() implements Step {
    }

    /** The poll timer ticked: claim at once. */
    public void askPoll() {
        pollAsked = true;
    }

    /**
     * A fire is due at {@code at}: claim then. Wake-ups from the next poll on are left to the poll, which reads the
     * database anyway.
     *
     * @return whether the earliest wake-up moved, so a sleeping loop must look again
     */
    public boolean askWakeUp(Instant at, Instant now) {
        if (!at.isBefore(now.plus(pollInterval)) || wakeAt.filter(earlier -> !at.isBefore(earlier)).isPresent()) {
            return false;
        }
        wakeAt = Optional.of(at);
        return true;
    }

    public void stop() {
        stopping = true;
    }

    /**
     * Workers freed room. When work was left behind for lack of it, claim at once instead of waiting for the poll.
     *
     * @return whether a claim was asked for, so a sleeping loop must look again
     */
    public boolean capacityFreed() {
        if (backlog) {
            askPoll();
            return true;
        }
        return false;
    }

    /** Whether due work may be waiting for room on this node. */
    public boolean hasBacklog() {
        return backlog;
    }

    /**
     * The next step at {@code now}, with the workers' busy back-off. A claim it answers consumes the poll or the
     * wake-up that asked for it.
     */
    public Step next(Instant now, Duration busyBackoff) {
        if (stopping) {
            return new Stop();
        }
        Optional<Instant> claimAt = wakeAt.map(at -> at.plus(busyBackoff));
        boolean wakeUpDue = claimAt.filter(at -> !at.isAfter(now)).isPresent();
        if (pollAsked || wakeUpDue) {
            pollAsked = false;
            if (wakeUpDue) {
                wakeAt = Optional.empty();
            }
            return new ClaimNow();
        }
        return new Sleep(claimAt);
    }

    /** The workers' side of a claim round. */
    public interface Claimer {

        /** How many fires the workers have room for now. */
        int claimable();

        /** How many of them start at once. */
        int startable();

        /** Claims up to {@code room} due fires, the first {@code startNow} as running, and hands them to the workers. */
        Round claim(int room, int startNow);
    }

    /**
     * What one claim took at {@code at}, and the earliest next fire of any task after it; an earliest next fire not
     * after {@code at} belongs to a row another node holds.
     */
    public record Round(Instant at, int fires, Optional<Instant> earliestNextFire) {
    }

    /**
     * Claims until nothing is due or the workers are full, at most {@value #MOST_ROUNDS} rounds; sets the backlog when
     * due work may be left behind for lack of room. Touches no state but the backlog, so the loop runs it without its
     * lock.
     *
     * @return the last round, or empty when the workers were full before any claim
     */
    public Optional<Round> claimRounds(Claimer claimer) {
        Optional<Round> last = Optional.empty();
        for (int round = 0; round < MOST_ROUNDS; round++) {
            int room = claimer.claimable();
            if (room == 0) {
                // Set before looking again, so room freed from now on is noticed by capacityFreed.
                backlog = true;
                if (claimer.claimable() == 0) {
                    return last;
                }
                continue;
            }
            Round claimed = claimer.claim(room, claimer.startable());
            last = Optional.of(claimed);
            if (claimed.fires() < room) {
                backlog = false;
                return last;
            }
        }
        backlog = true;
        return last;
    }

    /**
     * When to look again after {@code last}: at the next due fire, or, when due rows were left that another node
     * holds, after {@link #HELD_ELSEWHERE} rather than spinning on rows this node cannot have. Empty when the poll
     * (or room freed for a backlog) is soon enough.
     */
    public Optional<Instant> lookAgainAt(Optional<Round> last, Instant now) {
        return last.flatMap(Round::earliestNextFire).flatMap(next -> {
            if (next.isAfter(last.get().at())) {
                return Optional.of(next);
            }
            return backlog ? Optional.empty() : Optional.of(now.plus(HELD_ELSEWHERE));
        });
    }
}
