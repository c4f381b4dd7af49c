package dev.clockwork.engine;

import dev.clockwork.api.NodeInfo;
import dev.clockwork.store.ClusterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The cluster's nodes as the API shows them, with their heartbeat age in the cluster's time. */
@ApplicationScoped
public class ClusterNodes {

    @Inject
    ClusterStore cluster;
    @Inject
    Clock clock;

    /** Every known node, newest first, with its heartbeat age in the cluster's time and its reported workload. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NodeInfo> list() {
        Instant now = clock.instant();
        Map<String, Long> running = cluster.unfinishedByNode();
        return cluster.nodes().stream().map(n -> new NodeInfo(n.id(), n.host(), n.pid(), n.version(), n.state(),
                n.startedAt(), n.heartbeatAt(), Duration.between(n.heartbeatAt(), now), n.stoppedAt(),
                running.getOrDefault(n.id(), 0L), n.workload())).toList();
    }
}
