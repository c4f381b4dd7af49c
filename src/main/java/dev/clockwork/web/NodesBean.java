package dev.clockwork.web;

import dev.clockwork.api.ExecutionInfo;
import dev.clockwork.api.ExecutionQuery;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.NodeInfo;
import dev.clockwork.api.Scheduler;
import dev.clockwork.engine.ClusterNodes;
import dev.clockwork.engine.NodeIdentity;
import dev.clockwork.engine.ReadRouter;
import dev.clockwork.engine.rules.ReplicaGuard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The nodes page: the cluster's nodes, each with the clock offset and workers it reported with its latest heartbeat,
 * and the tasks each runs now, read once per request; and this node's read replica, when it has one.
 */
@Named("nodesView")
@RequestScoped
public class NodesBean {

    /** The most running executions the page lists across the cluster. */
    private static final int MOST_RUNNING = 500;

    @Inject
    ClusterNodes cluster;
    @Inject
    Scheduler scheduler;
    @Inject
    NodeIdentity self;
    @Inject
    ReadRouter reads;

    private List<NodeInfo> nodes;
    private Map<String, String> runningTasks;
    private Optional<ReplicaGuard.Status> replica;

    public void load() {
        replica = reads.status();
        nodes = cluster.list();
        runningTasks = scheduler.executions(ExecutionQuery.all(MOST_RUNNING)
                        .withStatus(Optional.of(ExecutionStatus.RUNNING))).items().stream()
                .filter(run -> run.node().isPresent())
                .collect(Collectors.groupingBy(run -> run.node().get(), Collectors.mapping(ExecutionInfo::taskName,
                        Collectors.collectingAndThen(Collectors.toCollection(TreeSet::new),
                                names -> String.join(", ", names)))));
    }

    public List<NodeInfo> getNodes() {
        return nodes;
    }

    /** The names of the tasks {@code node} runs now, or empty text. */
    public String running(String node) {
        return runningTasks.getOrDefault(node, "");
    }

    /** Whether this node has a read replica, to show its state. */
    public boolean isReplicaConfigured() {
        return replica.isPresent();
    }

    /** The message key of the replica's state, e.g. {@code replica.state.IN_USE}. */
    public String getReplicaStateKey() {
        return replica.map(status -> "replica.state." + status.state().name()).orElse("");
    }

    /** The replica's last measured lag, e.g. "12 ms"; empty before the first measurement. */
    public String getReplicaLag() {
        return replica.flatMap(ReplicaGuard.Status::lag).map(lag -> lag.toMillis() + " ms").orElse("");
    }

    /** Why the replica is in its state, in English, as the health answer says it (a tooltip). */
    public String getReplicaDetail() {
        return replica.map(ReplicaGuard.Status::detail).orElse("");
    }

    public String getSelf() {
        return self.id();
    }

    /** The clock correction to the database's that {@code node} reported, e.g. "-0.8 ms"; empty when unknown. */
    public String clockOffset(NodeInfo node) {
        return node.workload().map(w -> String.format(Locale.ROOT, "%+.1f ms", w.clockOffset().toNanos() / 1e6))
                .orElse("");
    }

    /** Whether {@code node} reported no workers: a console node, which claims no work. */
    public boolean consoleNode(NodeInfo node) {
        return node.workload().map(w -> w.workers() == 0).orElse(false);
    }

    /** The busy and total workers that {@code node} reported, e.g. "3 / 8"; empty when unknown. */
    public String workers(NodeInfo node) {
        return node.workload().map(w -> w.busyWorkers() + " / " + w.workers()).orElse("");
    }
}
