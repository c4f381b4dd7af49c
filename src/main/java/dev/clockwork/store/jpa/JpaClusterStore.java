package dev.clockwork.store.jpa;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.NodeState;
import dev.clockwork.store.ClusterStore;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.NodeRow;
import dev.clockwork.store.TaskStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@link ClusterStore} on JPA. */
@ApplicationScoped
public class JpaClusterStore implements ClusterStore {

    private static final List<ExecutionStatus> UNFINISHED = List.of(ExecutionStatus.QUEUED, ExecutionStatus.RUNNING);
    private static final List<NodeState> GONE = List.of(NodeState.DEAD, NodeState.STOPPED);

    @PersistenceContext(unitName = "clockwork")
    EntityManager em;
    @Inject
    Database database;
    Dialect dialect;

    @PostConstruct
    void detectDialect() {
        dialect = database.dialect();
    }

    @Override
    public Instant databaseTime() {
        BigDecimal seconds = new BigDecimal(em.createNativeQuery(dialect.epochQuery()).getSingleResult().toString());
        BigDecimal nanos = seconds.movePointRight(9);
        return Instant.ofEpochSecond(0, nanos.longValue());
    }

    @Override
    public Optional<NodeRow> heartbeat(NodeRow node) {
        NodeEntity entity = em.find(NodeEntity.class, node.id());
        if (entity == null) {
            entity = new NodeEntity();
            entity.id = node.id();
            entity.host = node.host();
            entity.pid = node.pid();
            entity.version = node.version();
            entity.startedAt = node.startedAt();
            entity.state = NodeState.LIVE;
            entity.heartbeatAt = node.heartbeatAt();
            entity.setWorkload(node.workload());
            em.persist(entity);
            em.flush();
            return Optional.empty();
        }
        NodeRow before = entity.toRow();
        entity.state = NodeState.LIVE;
        entity.heartbeatAt = node.heartbeatAt();
        entity.setWorkload(node.workload());
        entity.stoppedAt = null;
        em.flush();
        return Optional.of(before);
    }

    @Override
    public void markStopped(String nodeId, Instant at) {
        em.createQuery("UPDATE NodeEntity n SET n.state = :stopped, n.stoppedAt = :at WHERE n.id = :id")
                .setParameter("stopped", NodeState.STOPPED)
                .setParameter("at", at)
                .setParameter("id", nodeId)
                .executeUpdate();
    }

    @Override
    public boolean tryLock(String chore, String holder, Instant now, Instant until) {
        return em.createQuery("UPDATE LockEntity l SET l.holder = :holder, l.lockedUntil = :until"
                        + " WHERE l.name = :name AND (l.lockedUntil < :now OR l.holder = :holder)")
                .setParameter("holder", holder)
                .setParameter("until", until)
                .setParameter("name", chore)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    @Override
    public List<String> declareDead(Instant silentSince) {
        List<String> silent = em.createQuery("SELECT n.id FROM NodeEntity n WHERE n.state = :live"
                        + " AND n.heartbeatAt < :since", String.class)
                .setParameter("live", NodeState.LIVE)
                .setParameter("since", silentSince)
                .getResultList();
        if (!silent.isEmpty()) {
            em.createQuery("UPDATE NodeEntity n SET n.state = :dead WHERE n.id IN :ids AND n.state = :live")
                    .setParameter("dead", NodeState.DEAD)
                    .setParameter("ids", silent)
                    .setParameter("live", NodeState.LIVE)
                    .executeUpdate();
        }
        return silent;
    }

    /**
     * Looks up the runs in progress ({@code cw_run}) of the nodes that are not live, and nothing when every node is
     * live. Every execution's node has a row in {@code cw_node}: a node writes it at its first heartbeat, before its
     * dispatcher starts (which depends on the heartbeat), and a node's row is deleted only once it owns no unfinished
     * execution ({@link #forgetNodes}).
     */
    @Override
    public List<ExecutionRow> orphaned() {
        List<String> notLive = em.createQuery("SELECT n.id FROM NodeEntity n WHERE n.state <> :live", String.class)
                .setParameter("live", NodeState.LIVE)
                .getResultList();
        List<ExecutionRow> orphans = new ArrayList<>();
        for (List<String> nodes : JdbcRows.slices(notLive)) {
            em.createQuery("SELECT e FROM ExecutionEntity e, RunEntity r WHERE r.node IN :nodes"
                            + " AND e.id = r.executionId AND e.status IN :unfinished", ExecutionEntity.class)
                    .setParameter("unfinished", UNFINISHED)
                    .setParameter("nodes", nodes)
                    .getResultStream().map(ExecutionRows::toRow).forEach(orphans::add);
        }
        orphans.sort(Comparator.comparing(ExecutionRow::fireTime).thenComparingLong(ExecutionRow::id));
        return orphans;
    }

    @Override
    public boolean reassign(long executionId, String node, Instant claimedAt) {
        boolean queued = em.createQuery("UPDATE ExecutionEntity e SET e.node = :node, e.claimedAt = :at"
                        + " WHERE e.id = :id AND e.status = :queued")
                .setParameter("node", node)
                .setParameter("at", claimedAt)
                .setParameter("id", executionId)
                .setParameter("queued", ExecutionStatus.QUEUED)
                .executeUpdate() == 1;
        if (queued) {
            em.createQuery("UPDATE RunEntity r SET r.node = :node WHERE r.executionId = :id")
                    .setParameter("node", node)
                    .setParameter("id", executionId)
                    .executeUpdate();
        }
        return queued;
    }

    @Override
    public boolean markLost(long executionId, Instant at, String reason) {
        boolean running = em.createQuery("UPDATE ExecutionEntity e SET e.status = :lost, e.finishedAt = :at,"
                        + " e.error = :reason WHERE e.id = :id AND e.status = :running")
                .setParameter("lost", ExecutionStatus.NODE_LOST)
                .setParameter("at", at)
                .setParameter("reason", reason)
                .setParameter("id", executionId)
                .setParameter("running", ExecutionStatus.RUNNING)
                .executeUpdate() == 1;
        if (running) {
            em.createQuery("DELETE FROM RunEntity r WHERE r.executionId = :id")
                    .setParameter("id", executionId)
                    .executeUpdate();
        }
        return running;
    }

    @Override
    public int forgetNodes(Instant lastHeardBefore) {
        List<String> gone = em.createQuery("SELECT n.id FROM NodeEntity n WHERE n.state IN :gone"
                        + " AND n.heartbeatAt < :before ORDER BY n.heartbeatAt", String.class)
                .setParameter("gone", GONE)
                .setParameter("before", lastHeardBefore)
                .setMaxResults(TaskStore.MOST_IDS)
                .getResultList();
        if (gone.isEmpty()) {
            return 0;
        }
        Set<String> owning = new HashSet<>(em.createQuery("SELECT DISTINCT r.node FROM RunEntity r"
                        + " WHERE r.node IN :nodes", String.class)
                .setParameter("nodes", gone)
                .getResultList());
        List<String> forgotten = gone.stream().filter(id -> !owning.contains(id)).toList();
        if (forgotten.isEmpty()) {
            return 0;
        }
        // The conditions again: a node that heartbeated since it was read keeps its row.
        return em.createQuery("DELETE FROM NodeEntity n WHERE n.id IN :ids AND n.state IN :gone"
                        + " AND n.heartbeatAt < :before")
                .setParameter("ids", forgotten)
                .setParameter("gone", GONE)
                .setParameter("before", lastHeardBefore)
                .executeUpdate();
    }

    @Override
    public List<NodeRow> nodes() {
        return em.createQuery("SELECT n FROM NodeEntity n ORDER BY n.startedAt DESC", NodeEntity.class)
                .getResultStream().map(NodeEntity::toRow).toList();
    }

    @Override
    public Map<String, Long> unfinishedByNode() {
        Map<String, Long> counts = new HashMap<>();
        em.createQuery("SELECT r.node, COUNT(r) FROM RunEntity r GROUP BY r.node", Object[].class)
                .getResultStream().forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    @Override
    public void publishActions(String nodeId, String actions) {
        em.flush();
        em.createNativeQuery("UPDATE cw_node SET actions = ? WHERE id = ?").setParameter(1, actions)
                .setParameter(2, nodeId).executeUpdate();
    }

    @Override
    public Map<String, String> liveNodeActions() {
        Map<String, String> actions = new TreeMap<>();
        List<?> rows = em.createNativeQuery("SELECT id, actions FROM cw_node WHERE state = ? AND actions IS NOT NULL")
                .setParameter(1, NodeState.LIVE.name()).getResultList();
        for (Object found : rows) {
            Object[] row = (Object[]) found;
            actions.put((String) row[0], text(row[1]));
        }
        return actions;
    }

    /** A text column's value: a CLOB on H2 comes as a {@link java.sql.Clob}. */
    private static String text(Object value) {
        if (value instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Cannot read a node's actions: " + e.getMessage(), e);
            }
        }
        return String.valueOf(value);
    }
}
