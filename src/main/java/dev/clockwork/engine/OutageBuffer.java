package dev.clockwork.engine;

import dev.clockwork.store.ExecutionOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Starts and outcomes the database could not take while it was away, kept in memory until it answers again (a
 * heartbeat succeeds), so an outage loses no execution. Safe for use by many worker threads.
 */
final class OutageBuffer {

    private final ConcurrentLinkedQueue<Kept> kept = new ConcurrentLinkedQueue<>();

    /** A fire that could not be marked running: it starts when the database answers again. */
    void keepStart(ClaimedFire fire) {
        kept.add(new Kept(fire, Optional.empty()));
    }

    /** Outcomes that could not be recorded: recorded when the database answers again. */
    void keepOutcomes(List<RecordOutcome.Finished> finished) {
        finished.forEach(f -> kept.add(new Kept(f.fire(), Optional.of(f.outcome()))));
    }

    /** How many starts and outcomes are kept. */
    int size() {
        return kept.size();
    }

    /** How many outcomes are kept. */
    int outcomes() {
        return (int) kept.stream().filter(k -> k.outcome().isPresent()).count();
    }

    /** Takes what is kept now: the fires to start again, and the outcomes to record. */
    Taken takeAll() {
        List<ClaimedFire> starts = new ArrayList<>();
        List<RecordOutcome.Finished> outcomes = new ArrayList<>();
        for (int left = kept.size(); left > 0; left--) {
            Kept next = kept.poll();
            if (next == null) {
                break;
            }
            next.outcome().ifPresentOrElse(outcome -> outcomes.add(new RecordOutcome.Finished(next.fire(), outcome)),
                    () -> starts.add(next.fire()));
        }
        return new Taken(starts, outcomes);
    }

    /** What {@link #takeAll} took. */
    record Taken(List<ClaimedFire> starts, List<RecordOutcome.Finished> outcomes) {
    }

    /** A fire whose start (outcome empty) or outcome the database could not take. */
    private record Kept(ClaimedFire fire, Optional<ExecutionOutcome> outcome) {
    }
}
