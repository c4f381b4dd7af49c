package dev.clockwork.web;

import dev.clockwork.api.NodeInfo;
import dev.clockwork.engine.ClusterNodes;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The nodes page: the cluster's nodes, read once per request. */
@Named("nodesView")
@RequestScoped
public class NodesBean {

    @Inject
    ClusterNodes cluster;

    private List<NodeInfo> nodes;

    public void load() {
        nodes = cluster.list();
    }

    public List<NodeInfo> getNodes() {
        return nodes;
    }
}
