package dev.clockwork.engine;

import dev.clockwork.api.NodeState;
import dev.clockwork.store.ClusterStore;
import dev.clockwork.store.NodeRow;
import dev.clockwork.store.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the metrics show of the whole cluster, read from the database when they are scraped, never on the hot path:
 * two small reads outside a transaction, so that a scrape's reads go to the read replica when one is in use.
 */
@ApplicationScoped
public class ClusterReadings {

    @Inject
    TaskStore tasks;
    @Inject
    ClusterStore cluster;
    @Inject
    Clock clock;

    /**
     * @param schedulingLag how long the oldest due fire that no node has claimed has waited; zero when none waits
     * @param nodes how many nodes the database knows in each state
     */
    public record Readings(Duration schedulingLag, Map<NodeState, Long> nodes) {
    }

    /**
     * Reads the earliest next fire (served by the due index: a claimed fire has moved on, so a next fire in the past
     * is one nobody has claimed yet) and counts the nodes by state.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Readings read() {
        Instant now = clock.instant();
        Duration lag = tasks.earliestNextFire().filter(next -> next.isBefore(now))
                .map(next -> Duration.between(next, now)).orElse(Duration.ZERO);
        Map<NodeState, Long> nodes = new EnumMap<>(NodeState.class);
        for (NodeRow node : cluster.nodes()) {
            nodes.merge(node.state(), 1L, Long::sum);
        }
        return new Readings(lag, nodes);
    }
}
