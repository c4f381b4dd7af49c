package dev.clockwork.engine;

import dev.clockwork.engine.rules.Failures;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Claims so that no single task can stop the others from firing. A claim of many tasks that fails for the data of
 * its tasks (not for the database's sake, see {@link Failures}) is retried one task at a time: the tasks that claim
 * alone fire, and a task whose claim fails alone is put in ERROR with the failure as its reason.
 */
final class IsolatingClaims {

    private static final Logger LOG = Logger.getLogger(IsolatingClaims.class.getName());

    /** The transactions this needs: each call is one transaction of its own. */
    interface Transactions {
        /** See {@link ClaimDueTasks#claim}; throws {@link ClaimFailedException} when the claim is rolled back. */
        ClaimRound claim(int limit, int startNow);

        /** See {@link ClaimDueTasks#quarantine}. */
        boolean quarantine(long taskId, Throwable failure);
    }

    private final Transactions transactions;
    private final Clock clock;

    IsolatingClaims(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Claims up to {@code limit} due fires, as {@link ClaimDueTasks#claim} does, isolating a task at fault. */
    ClaimRound claim(int limit, int startNow) {
        try {
            return transactions.claim(limit, startNow);
        } catch (ClaimFailedException e) {
            if (!Failures.blamesTaskData(e.getCause())) {
                throw e;
            }
            LOG.log(Level.WARNING, "A claim of " + e.taskIds().size() + " tasks failed for the data of one of them;"
                    + " claiming them one at a time to find it", e);
            if (e.taskIds().size() == 1) {
                quarantine(e);
            }
            return oneByOne(limit, startNow);
        }
    }

    private ClaimRound oneByOne(int limit, int startNow) {
        List<ClaimedFire> fires = new ArrayList<>();
        Optional<ClaimRound> last = Optional.empty();
        for (int round = 0; round < limit; round++) {
            try {
                ClaimRound one = transactions.claim(1, fires.size() < startNow ? 1 : 0);
                last = Optional.of(one);
                fires.addAll(one.fires());
                boolean moreDue = one.earliestNextFire().filter(next -> !next.isAfter(one.at())).isPresent();
                if (one.fires().isEmpty() && !moreDue) {
                    break;
                }
            } catch (ClaimFailedException e) {
                if (!Failures.blamesTaskData(e.getCause()) || e.taskIds().size() != 1) {
                    throw e;
                }
                quarantine(e);
            }
        }
        return new ClaimRound(last.map(ClaimRound::at).orElseGet(clock::instant), fires,
                last.flatMap(ClaimRound::earliestNextFire));
    }

    private void quarantine(ClaimFailedException e) {
        transactions.quarantine(e.taskIds().get(0), e.getCause());
    }
}
