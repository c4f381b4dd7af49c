package dev.clockwork.engine;

import dev.clockwork.api.ActionInfo;
import dev.clockwork.store.ClusterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The actions deployed in the cluster: each node publishes its own in its row at its first heartbeat (a deployment's
 * actions do not change while it runs), and the list is read from the live nodes' rows.
 */
@ApplicationScoped
public class ClusterActions {

    @Inject
    ClusterStore cluster;
    @Inject
    ActionRegistry actions;
    @Inject
    NodeIdentity node;

    /** Writes this node's actions into its row, which must exist; in the caller's transaction. */
    void publish() {
        cluster.publishActions(node.id(), actions.descriptions().entrySet().stream()
                .map(action -> action.getKey() + "\t" + oneLine(action.getValue())).collect(Collectors.joining("\n")));
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\t\\r\\n]+", " ").strip();
    }

    /** The actions of the live nodes, by name, each with its nodes and the first description a node gives. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActionInfo> list() {
        SortedMap<String, List<String>> nodes = new TreeMap<>();
        Map<String, String> descriptions = new TreeMap<>();
        cluster.liveNodeActions().forEach((nodeId, text) -> text.lines().filter(line -> !line.isBlank())
                .forEach(line -> {
                    String[] parts = line.split("\t", 2);
                    nodes.computeIfAbsent(parts[0], name -> new ArrayList<>()).add(nodeId);
                    if (parts.length > 1 && !parts[1].isBlank()) {
                        descriptions.putIfAbsent(parts[0], parts[1]);
                    }
                }));
        return nodes.entrySet().stream().map(action -> new ActionInfo(action.getKey(),
                Optional.ofNullable(descriptions.get(action.getKey())), action.getValue().stream().sorted().toList()))
                .toList();
    }
}
