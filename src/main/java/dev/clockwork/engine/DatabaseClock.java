package dev.clockwork.engine;

import dev.clockwork.engine.rules.OffsetClock;
import dev.clockwork.store.ClusterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * Measures this node's clock against the database's, whose time is the cluster's
 * (docs/decisions/021-database-clock.md).
 */
@ApplicationScoped
public class DatabaseClock {

    @Inject
    ClusterStore cluster;

    /**
     * Measures this node's offset to the database's clock and corrects {@code clock} by it. Only the query is timed,
     * on a connection the transaction already holds, and the sample with the shortest round trip wins: the offset
     * is only as good as the round trip is symmetric.
     *
     * @return the round trip of the sample used
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Duration synchronizeClock(OffsetClock offsetClock) {
        cluster.databaseTime();
        Duration best = null;
        for (int sample = 0; sample < 3; sample++) {
            Instant sent = offsetClock.base().instant();
            Instant database = cluster.databaseTime();
            Instant received = offsetClock.base().instant();
            Duration roundTrip = Duration.between(sent, received);
            if (best == null || roundTrip.compareTo(best) < 0) {
                best = roundTrip;
                offsetClock.synchronize(sent, database, received);
            }
        }
        return best;
    }
}
