package dev.clockwork.rest;

import dev.clockwork.api.NodeState;
import io.swagger.v3.oas.annotations.media.Schema;
import dev.clockwork.api.NodeInfo;
import dev.clockwork.engine.ClusterNodes;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /nodes}: the servers of the cluster, their state, heartbeat age, unfinished executions, clock offset and
 * workers.
 */
@Path("nodes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {

    @Inject
    ClusterNodes nodes;

    /** A node as the API shows it. */
    @Schema(name = "Node", description = "A server of the cluster.")
    public static class NodeJson {
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public String id;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public String host;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public long pid;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public String version;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = NodeState.class)
        public String state;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public Instant startedAt;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public Instant heartbeatAt;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public long heartbeatAgeMs;
        public Instant stoppedAt;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public long runningExecutions;
        @Schema(description = "What the node adds to its own clock to read the database's, in milliseconds, at its"
                + " latest heartbeat; absent for a node of a version that does not report it.")
        public Double clockOffsetMs;
        @Schema(description = "How many of its worker threads ran an action at its latest heartbeat.")
        public Integer busyWorkers;
        @Schema(description = "How many worker threads it has; 0 for a console node, which claims no work.")
        public Integer workers;

        static NodeJson of(NodeInfo node) {
            NodeJson json = new NodeJson();
            json.id = node.id();
            json.host = node.host();
            json.pid = node.pid();
            json.version = node.version();
            json.state = node.state().name();
            json.startedAt = node.startedAt();
            json.heartbeatAt = node.heartbeatAt();
            json.heartbeatAgeMs = node.heartbeatAge().toMillis();
            json.stoppedAt = node.stoppedAt().orElse(null);
            json.runningExecutions = node.running();
            node.workload().ifPresent(load -> {
                json.clockOffsetMs = load.clockOffset().toNanos() / 1e6;
                json.busyWorkers = load.busyWorkers();
                json.workers = load.workers();
            });
            return json;
        }
    }

    @GET
    public List<NodeJson> list() {
        return nodes.list().stream().map(NodeJson::of).toList();
    }
}
