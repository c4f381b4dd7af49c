package dev.clockwork.engine;

import dev.clockwork.engine.rules.DispatchState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one claim transaction ({@link ClaimDueTasks#claim}) took at {@code at}, and the earliest next fire of any task
 * once it advanced them, read in the same transaction so that the dispatcher knows when to wake without another round
 * trip. An earliest next fire not after {@code at} belongs to a row the claim could not lock: another node holds it.
 */
public record ClaimRound(Instant at, List<ClaimedFire> fires, Optional<Instant> earliestNextFire) {

    /** What the dispatcher's rules need of it. */
    DispatchState.Round summary() {
        return new DispatchState.Round(at, fires.size(), earliestNextFire);
    }
}
