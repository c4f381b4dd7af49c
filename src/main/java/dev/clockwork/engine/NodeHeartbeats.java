package dev.clockwork.engine;

import dev.clockwork.api.NodeState;
import dev.clockwork.api.NodeWorkload;
import dev.clockwork.store.ClusterStore;
import dev.clockwork.store.NodeRow;
import dev.clockwork.store.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Writes this node's row in the cluster: its heartbeat while it lives, its stop when it shuts down cleanly; reads the
 * cancels other nodes requested for its runs.
 */
@ApplicationScoped
public class NodeHeartbeats {

    private static final Logger LOG = Logger.getLogger(NodeHeartbeats.class.getName());

    @Inject
    ClusterStore cluster;
    @Inject
    TaskStore tasks;
    @Inject
    NodeIdentity node;
    @Inject
    Clock clock;
    @Inject
    ClusterActions actions;

    private volatile Instant startedAt;
    /** Whether this node's actions are in its row: written with its first heartbeat. */
    private volatile boolean published;

    /**
     * Writes this node's heartbeat in the cluster's time, with its workload for every node's view of the cluster.
     *
     * @return the heartbeat's time as written
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Instant heartbeat(NodeWorkload workload) {
        Instant now = clock.instant();
        if (startedAt == null) {
            startedAt = now;
        }
        Optional<NodeRow> before = cluster.heartbeat(new NodeRow(node.id(), node.host(), node.pid(),
                node.clockworkVersion(), NodeState.LIVE, startedAt, now, Optional.empty(), Optional.of(workload)));
        if (!published) {
            actions.publish();
            published = true;
        }
        before.filter(row -> row.state() == NodeState.DEAD).ifPresent(row -> LOG.warning(() -> "Node " + node.id()
                + " was declared dead (last heartbeat " + row.heartbeatAt() + "); its running executions were"
                + " taken over and their outcomes here will be ignored. Is this server overloaded or paused?"));
        return now;
    }

    /** The cancels requested for runs this node holds (execution id to reason), for its workers to interrupt. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<Long, String> cancelRequests() {
        return tasks.cancelRequests(node.id());
    }

    /** Marks this node stopped after a clean shutdown, so its leftovers are taken over at once. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markStopped() {
        cluster.markStopped(node.id(), clock.instant());
    }
}
