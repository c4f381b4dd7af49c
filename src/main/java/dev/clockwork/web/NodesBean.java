package dev.clockwork.web;

import dev.clockwork.api.ExecutionInfo;
import dev.clockwork.api.ExecutionQuery;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.NodeInfo;
import dev.clockwork.api.Scheduler;
import dev.clockwork.engine.ClusterNodes;
import dev.clockwork.engine.NodeIdentity;
import dev.clockwork.engine.Workers;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.OffsetClock;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The nodes page: the cluster's nodes and the tasks each runs now, read once per request; and, for the node that
 * serves the page, its clock offset to the database and its busy workers (other nodes keep theirs to themselves).
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
    OffsetClock clock;
    @Inject
    Workers workers;
    @Inject
    EngineConfig config;

    private List<NodeInfo> nodes;
    private Map<String, String> runningTasks;

    public void load() {
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

    public String getSelf() {
        return self.id();
    }

    /** This node's clock correction to the database's, e.g. "-0.8 ms". */
    public String getClockOffset() {
        return String.format("%.1f ms", clock.offset().toNanos() / 1e6);
    }

    public int getBusyWorkers() {
        return workers.busy();
    }

    public int getWorkers() {
        return config.workers();
    }
}
