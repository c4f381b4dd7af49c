package dev.clockwork.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Nodes, chore locks and the database's clock. Write methods run inside the caller's transaction. */
public interface ClusterStore {

    /** The database's current time: the cluster's one clock. */
    Instant databaseTime();

    /**
     * Records that {@code node} is alive at {@code node.heartbeatAt()}: inserts its row the first time, afterwards
     * updates the heartbeat and the workload and sets it LIVE.
     *
     * @return the state the row had before, empty on the first heartbeat (a DEAD node learns it was declared dead)
     */
    Optional<NodeRow> heartbeat(NodeRow node);

    /** Marks a node STOPPED after a clean shutdown. */
    void markStopped(String nodeId, Instant at);

    /**
     * Takes or renews the lock of a chore for {@code holder} until {@code until}: succeeds when the lock is free,
     * expired, or already the holder's.
     */
    boolean tryLock(String chore, String holder, Instant now, Instant until);

    /** Declares LIVE nodes silent since before {@code silentSince} DEAD; returns their ids. */
    List<String> declareDead(Instant silentSince);

    /** Unfinished (QUEUED or RUNNING) executions owned by nodes that are not LIVE. */
    List<ExecutionRow> orphaned();

    /** Gives a QUEUED execution to {@code node}; false when it is no longer queued. */
    boolean reassign(long executionId, String node, Instant claimedAt);

    /** Ends a RUNNING execution as NODE_LOST with {@code reason}; false when it is no longer running. */
    boolean markLost(long executionId, Instant at, String reason);

    /**
     * Deletes the rows of nodes that are not live, were last heard of before {@code lastHeardBefore} and own no
     * unfinished execution, at most {@value TaskStore#MOST_IDS} at a time, so that {@code cw_node} does not grow
     * by a row per server start forever; their executions keep the node's name.
     *
     * @return how many nodes were forgotten
     */
    int forgetNodes(Instant lastHeardBefore);

    List<NodeRow> nodes();

    /** Unfinished executions per node id. */
    Map<String, Long> unfinishedByNode();

    /** Publishes the actions deployed on {@code nodeId}: one per line, the name, a tab, the description. */
    void publishActions(String nodeId, String actions);

    /** The actions each LIVE node published, by node id; a node that published none is left out. */
    Map<String, String> liveNodeActions();
}
