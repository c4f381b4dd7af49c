package dev.clockwork.store.jpa;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionQuery;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.Page;
import dev.clockwork.api.TaskQuery;
import dev.clockwork.api.TaskState;
import dev.clockwork.store.ClaimedFireRows;
import dev.clockwork.store.Declaration;
import dev.clockwork.store.ExecutionOutcome;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.RunInProgress;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@link TaskStore} on JPA (EclipseLink), with native SQL only where JPQL cannot say it (row locks). */
@ApplicationScoped
public class JpaTaskStore implements TaskStore {

    @PersistenceContext(unitName = "clockwork")
    EntityManager em;
    @Inject
    ExecutionIds executionIds;
    @Inject
    Database database;
    Dialect dialect;

    /** The row of {@code cw_lock} that nodes reconciling declared tasks hold, one at a time. */
    static final String DECLARATIONS_LOCK = "declared-tasks";

    /** Tasks whose last status one statement reads. */
    private static final int LAST_STATUSES_AT_ONCE = 100;

    @PostConstruct
    void detectDialect() {
        dialect = database.dialect();
    }

    @Override
    public Optional<TaskRow> insert(TaskRow task) {
        if (findByName(task.name()).isPresent()) {
            return Optional.empty();
        }
        TaskEntity entity = new TaskEntity();
        TaskRows.copy(task, entity);
        em.persist(entity);
        try {
            em.flush();
        } catch (PersistenceException e) {
            // Another transaction created the name since the look-up: its unique key says so. The transaction is
            // marked for rollback; the caller reports the conflict.
            if (SqlStates.isIntegrityViolation(e)) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(TaskRows.toRow(entity));
    }

    @Override
    public Optional<TaskRow> findByName(String name) {
        return em.createQuery("SELECT t FROM TaskEntity t WHERE t.name = :name", TaskEntity.class)
                .setParameter("name", name)
                .getResultStream().findFirst().map(TaskRows::toRow);
    }

    @Override
    public Optional<TaskRow> findById(long id) {
        return Optional.ofNullable(em.find(TaskEntity.class, id)).map(TaskRows::toRow);
    }

    /** Two statements whatever the filters: the page's ids in order (see {@link TaskFilter}), then their rows. */
    @Override
    public Page<TaskRow> list(TaskQuery query) {
        TaskFilter filter = TaskFilter.of(query);
        Query select = em.createNativeQuery(filter.selectIds());
        filter.bind(select);
        List<Long> ids = ((List<?>) select.getResultList()).stream().map(id -> ((Number) id).longValue()).toList();
        Map<Long, TaskRow> rows = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("SELECT t FROM TaskEntity t WHERE t.id IN :ids", TaskEntity.class)
                    .setParameter("ids", ids)
                    .getResultStream().map(TaskRows::toRow).forEach(row -> rows.put(row.id(), row));
        }
        // A task deleted between the two statements is left out.
        List<TaskRow> page = ids.stream().map(rows::get).filter(Objects::nonNull).toList();
        return Page.of(page, query.offset(), query.limit(), () -> {
            Query count = em.createNativeQuery(filter.count());
            filter.bind(count);
            return ((Number) count.getSingleResult()).longValue();
        });
    }

    @Override
    public Optional<TaskRow> update(TaskRow task) {
        TaskEntity entity = em.find(TaskEntity.class, task.id());
        if (entity == null || entity.version != task.version()) {
            return Optional.empty();
        }
        TaskRows.copy(task, entity);
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            // The entity was read in this transaction too, so the version check above passed; a claim committed since
            // (it writes with SQL, bypassing the entity). The transaction is marked for rollback.
            return Optional.empty();
        }
        return Optional.of(TaskRows.toRow(entity));
    }

    /**
     * A statement per {@link #LAST_STATUSES_AT_ONCE} tasks: a look-up per task, backwards along cw_execution_fire_uk
     * (task_id, fire_time, attempt), past its unfinished executions.
     */
    @Override
    public Map<Long, ExecutionStatus> lastStatuses(Collection<Long> taskIds) {
        Map<Long, ExecutionStatus> statuses = new HashMap<>();
        for (List<Long> slice : JdbcRows.slices(List.copyOf(taskIds), LAST_STATUSES_AT_ONCE)) {
            Query select = em.createNativeQuery(String.join(" UNION ALL ", Collections.nCopies(slice.size(),
                    "(SELECT task_id, status FROM cw_execution WHERE task_id = ? AND status NOT IN ('"
                            + ExecutionStatus.WAITING + "', '" + ExecutionStatus.QUEUED + "', '" + ExecutionStatus.RUNNING
                            + "')"
                            + " ORDER BY fire_time DESC, attempt DESC LIMIT 1)")));
            for (int i = 0; i < slice.size(); i++) {
                select.setParameter(i + 1, slice.get(i));
            }
            for (Object found : select.getResultList()) {
                Object[] row = (Object[]) found;
                statuses.put(((Number) row[0]).longValue(), ExecutionStatus.valueOf((String) row[1]));
            }
        }
        return statuses;
    }

    @Override
    public void lockDeclarations() {
        List<?> row = em.createNativeQuery("SELECT name FROM cw_lock WHERE name = ? FOR UPDATE")
                .setParameter(1, DECLARATIONS_LOCK).getResultList();
        if (row.isEmpty()) {
            throw new IllegalStateException("No row " + DECLARATIONS_LOCK + " in cw_lock; the schema migrations did not"
                    + " run");
        }
    }

    @Override
    public List<Declaration> declarations() {
        return declarationRows(em.createNativeQuery("SELECT id, name, declaration, declared FROM cw_task"
                + " WHERE declaration IS NOT NULL ORDER BY name").getResultList());
    }

    @Override
    public Map<Long, Declaration> declarations(Collection<Long> taskIds) {
        Map<Long, Declaration> found = new HashMap<>();
        for (List<Long> slice : JdbcRows.slices(List.copyOf(taskIds), LAST_STATUSES_AT_ONCE)) {
            Query select = em.createNativeQuery("SELECT id, name, declaration, declared FROM cw_task WHERE id IN ("
                    + String.join(", ", Collections.nCopies(slice.size(), "?")) + ") AND declaration IS NOT NULL");
            for (int i = 0; i < slice.size(); i++) {
                select.setParameter(i + 1, slice.get(i));
            }
            declarationRows(select.getResultList()).forEach(d -> found.put(d.taskId(), d));
        }
        return found;
    }

    private static List<Declaration> declarationRows(List<?> rows) {
        return rows.stream().map(Object[].class::cast).map(row -> new Declaration(((Number) row[0]).longValue(),
                (String) row[1], (String) row[2], row[3] instanceof Boolean b ? b : ((Number) row[3]).intValue() != 0))
                .toList();
    }

    @Override
    public void markDeclared(long taskId, String fingerprint) {
        em.flush();
        em.createNativeQuery("UPDATE cw_task SET declaration = ?, declared = ? WHERE id = ?")
                .setParameter(1, fingerprint).setParameter(2, true).setParameter(3, taskId).executeUpdate();
    }

    @Override
    public void markUndeclared(long taskId) {
        em.flush();
        em.createNativeQuery("UPDATE cw_task SET declared = ? WHERE id = ?")
                .setParameter(1, false).setParameter(2, taskId).executeUpdate();
    }

    @Override
    public boolean putInError(long taskId, String reason) {
        return em.createQuery("UPDATE TaskEntity t SET t.state = :error, t.stateReason = :reason,"
                        + " t.nextFireAt = NULL, t.version = t.version + 1 WHERE t.id = :id AND t.nextFireAt IS NOT NULL")
                .setParameter("error", TaskState.ERROR)
                .setParameter("reason", TaskRow.reason(reason))
                .setParameter("id", taskId)
                .executeUpdate() > 0;
    }

    @Override
    public boolean delete(String name) {
        // Locks the task, deletes its runs in progress (cw_run has no foreign key, see V6), then deletes the task and,
        // by cascade, its executions. With the task locked, no claim of it comes between (claims lock it), and no other
        // execution of it is inserted (the insert's foreign key check waits for the task's lock).
        List<Long> task = em.createQuery("SELECT t.id FROM TaskEntity t WHERE t.name = :name", Long.class)
                .setParameter("name", name)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (task.isEmpty()) {
            return false;
        }
        // The unfinished executions are locked first, in id order, then their runs deleted: the order in which a
        // finish (which may not lock the task) and the sweep's markLost take them, so that neither deadlocks this.
        List<Long> runs = em.createQuery("SELECT e.id FROM ExecutionEntity e WHERE e.taskId = :task AND EXISTS"
                        + " (SELECT r.executionId FROM RunEntity r WHERE r.executionId = e.id) ORDER BY e.id",
                        Long.class)
                .setParameter("task", task.get(0))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        for (List<Long> slice : JdbcRows.slices(runs)) {
            em.createQuery("DELETE FROM RunEntity r WHERE r.executionId IN :ids")
                    .setParameter("ids", slice)
                    .executeUpdate();
        }
        return em.createQuery("DELETE FROM TaskEntity t WHERE t.id = :id")
                .setParameter("id", task.get(0)).executeUpdate() > 0;
    }

    /**
     * Locks the chosen rows only. Locking in the candidate query itself would lock every row the database reads to
     * sort (MariaDB and H2 do), so one node's claim would block every other node's. {@code SKIP LOCKED} (H2 2.x,
     * MySQL 8, MariaDB 10.6+, PostgreSQL) passes over rows another node holds.
     */
    @Override
    public List<TaskRow> lockDue(Instant now, int limit) {
        return jdbc("claim due tasks", connection -> ClaimStatements.lockDue(connection, now, limit));
    }

    @Override
    public Optional<Instant> earliestNextFire() {
        if (em.unwrap(Connection.class) != null) {
            return jdbc("read the earliest next fire", ClaimStatements::earliestNextFire);
        }
        // Outside a transaction (the metrics' scheduling lag, the dashboard): the same statement through the entity
        // manager's read connection, which may be the read replica's.
        List<?> earliest = em.createNativeQuery(ClaimStatements.EARLIEST_DUE)
                .setParameter(1, ExecutionStatus.WAITING.name()).setParameter(2, TaskState.PAUSED.name())
                .getResultList();
        return earliest.stream().filter(Objects::nonNull)
                .map(micros -> InstantConverter.fromMicros(((Number) micros).longValue()))
                .min(Instant::compareTo);
    }

    @Override
    public List<ExecutionRow> lockDueRetries(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        // Candidates first, by a plain read; then the rows locked by id, skipping those another node holds, so the
        // locking statement touches no cw_task row (the claim of due tasks locks those).
        List<Long> candidates = em.createQuery("SELECT e.id FROM ExecutionEntity e, TaskEntity t"
                        + " WHERE t.id = e.taskId AND e.status = :waiting AND e.dueAt <= :now AND t.state NOT IN :held"
                        + " ORDER BY e.dueAt, e.id", Long.class)
                .setParameter("waiting", ExecutionStatus.WAITING)
                .setParameter("now", now)
                .setParameter("held", List.of(TaskState.PAUSED, TaskState.CANCELLED))
                .setMaxResults(Math.min(TaskStore.MOST_IDS, limit * 2))
                .getResultList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Long> locked = jdbc("lock due retries", connection -> ClaimStatements.lockWaiting(connection,
                candidates));
        if (locked.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT e FROM ExecutionEntity e WHERE e.id IN :ids ORDER BY e.dueAt, e.id",
                        ExecutionEntity.class)
                .setParameter("ids", locked.subList(0, Math.min(limit, locked.size())))
                .getResultStream().map(ExecutionRows::toRow).toList();
    }

    @Override
    public void claimRetries(List<ExecutionRow> retries, Set<Long> running, String node, Instant now) {
        List<Long> executionIds = retries.stream().map(ExecutionRow::id).toList();
        List<Long> startNow = executionIds.stream().filter(running::contains).toList();
        List<Long> queue = executionIds.stream().filter(id -> !running.contains(id)).toList();
        for (List<Long> slice : JdbcRows.slices(startNow)) {
            claimWaiting(slice, ExecutionStatus.RUNNING, node, now, now);
        }
        for (List<Long> slice : JdbcRows.slices(queue)) {
            claimWaiting(slice, ExecutionStatus.QUEUED, node, now, null);
        }
        for (ExecutionRow retry : retries) {
            RunEntity run = new RunEntity();
            run.executionId = retry.id();
            run.taskId = retry.taskId();
            run.node = node;
            em.persist(run);
        }
        em.flush();
    }

    @Override
    public boolean snapshotPerTransaction() {
        return dialect == Dialect.MYSQL;
    }

    @Override
    public List<RunInProgress> runsInProgress(List<Long> taskIds) {
        List<RunInProgress> runs = new ArrayList<>();
        for (List<Long> slice : JdbcRows.slices(taskIds)) {
            em.createQuery("SELECT r.executionId, r.taskId, e.status, r.node FROM RunEntity r, ExecutionEntity e"
                            + " WHERE r.taskId IN :tasks AND e.id = r.executionId ORDER BY r.executionId",
                            Object[].class)
                    .setParameter("tasks", slice)
                    .getResultStream()
                    .forEach(row -> runs.add(new RunInProgress((Long) row[0], (Long) row[1],
                            (ExecutionStatus) row[2], Optional.ofNullable((String) row[3]))));
        }
        return runs;
    }

    private void claimWaiting(List<Long> ids, ExecutionStatus status, String node, Instant now, Instant startedAt) {
        em.createQuery("UPDATE ExecutionEntity e SET e.status = :status, e.node = :node, e.claimedAt = :now,"
                        + " e.startedAt = :startedAt WHERE e.id IN :ids AND e.status = :waiting")
                .setParameter("status", status)
                .setParameter("node", node)
                .setParameter("now", now)
                .setParameter("startedAt", startedAt)
                .setParameter("ids", ids)
                .setParameter("waiting", ExecutionStatus.WAITING)
                .executeUpdate();
    }

    @Override
    public List<ExecutionRow> claimedBy(String node) {
        return em.createQuery("SELECT e FROM ExecutionEntity e, RunEntity r WHERE r.node = :node"
                        + " AND e.id = r.executionId AND e.status IN :unfinished ORDER BY e.id", ExecutionEntity.class)
                .setParameter("node", node)
                .setParameter("unfinished", List.of(ExecutionStatus.QUEUED, ExecutionStatus.RUNNING))
                .getResultStream().map(ExecutionRows::toRow).toList();
    }

    @Override
    public int cancelUnstarted(long taskId, String reason, Instant at) {
        List<Long> queued = em.createQuery("SELECT e.id FROM ExecutionEntity e WHERE e.taskId = :task"
                        + " AND e.status = :queued", Long.class)
                .setParameter("task", taskId)
                .setParameter("queued", ExecutionStatus.QUEUED)
                .getResultList();
        String why = ExecutionRow.reason(reason);
        int cancelled = em.createQuery("UPDATE ExecutionEntity e SET e.status = :cancelled, e.finishedAt = :at,"
                        + " e.reason = :why, e.error = :error WHERE e.taskId = :task AND e.status IN :unstarted")
                .setParameter("cancelled", ExecutionStatus.CANCELLED)
                .setParameter("at", at)
                .setParameter("why", why)
                .setParameter("error", cancelledBeforeItRan(why))
                .setParameter("task", taskId)
                .setParameter("unstarted", List.of(ExecutionStatus.WAITING, ExecutionStatus.QUEUED))
                .executeUpdate();
        for (List<Long> slice : JdbcRows.slices(queued)) {
            em.createQuery("DELETE FROM RunEntity r WHERE r.executionId IN :ids").setParameter("ids", slice)
                    .executeUpdate();
        }
        return cancelled;
    }

    @Override
    public List<Long> cancelExecutions(List<Long> executionIds, String reason, Instant at) {
        List<Long> running = new ArrayList<>();
        String why = ExecutionRow.reason(reason);
        for (List<Long> slice : JdbcRows.slices(executionIds)) {
            List<ExecutionEntity> rows = em.createQuery("SELECT e FROM ExecutionEntity e WHERE e.id IN :ids"
                            + " ORDER BY e.id", ExecutionEntity.class)
                    .setParameter("ids", slice)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
            List<Long> unstarted = new ArrayList<>();
            for (ExecutionEntity row : rows) {
                if (row.status == ExecutionStatus.RUNNING) {
                    running.add(row.id);
                } else if (row.status == ExecutionStatus.WAITING || row.status == ExecutionStatus.QUEUED) {
                    row.status = ExecutionStatus.CANCELLED;
                    row.finishedAt = at;
                    row.reason = why;
                    row.error = cancelledBeforeItRan(why);
                    unstarted.add(row.id);
                }
            }
            if (!unstarted.isEmpty()) {
                em.flush();
                em.createQuery("DELETE FROM RunEntity r WHERE r.executionId IN :ids").setParameter("ids", unstarted)
                        .executeUpdate();
            }
        }
        for (List<Long> slice : JdbcRows.slices(running)) {
            em.createQuery("UPDATE RunEntity r SET r.cancelReason = :why WHERE r.executionId IN :ids")
                    .setParameter("why", why)
                    .setParameter("ids", slice)
                    .executeUpdate();
        }
        return running;
    }

    private static String cancelledBeforeItRan(String reason) {
        return "Cancelled before it ran (" + reason + ")";
    }

    @Override
    public Map<Long, String> cancelRequests(String node) {
        Map<Long, String> requests = new LinkedHashMap<>();
        em.createQuery("SELECT r.executionId, r.cancelReason FROM RunEntity r WHERE r.node = :node"
                        + " AND r.cancelReason IS NOT NULL ORDER BY r.executionId", Object[].class)
                .setParameter("node", node)
                .getResultStream()
                .forEach(row -> requests.put((Long) row[0], (String) row[1]));
        return requests;
    }

    @Override
    public long insertExecution(ExecutionRow execution) {
        ExecutionEntity entity = ExecutionRows.toEntity(execution);
        em.persist(entity);
        em.flush();
        if (execution.status().isClaimed()) {
            RunEntity run = new RunEntity();
            run.executionId = entity.id;
            run.taskId = entity.taskId;
            run.node = entity.node;
            em.persist(run);
            em.flush();
        }
        return entity.id;
    }

    @Override
    public List<Long> taskIdsAfter(long afterId, int limit) {
        return em.createQuery("SELECT t.id FROM TaskEntity t WHERE t.id > :after ORDER BY t.id", Long.class)
                .setParameter("after", afterId).setMaxResults(limit).getResultList();
    }

    @Override
    public int deleteOldExecutions(long taskId, Instant firedBefore, int keepLast, int most) {
        Instant before = firedBefore;
        if (keepLast > 0) {
            List<Instant> kept = em.createQuery("SELECT e.fireTime FROM ExecutionEntity e WHERE e.taskId = :task"
                            + " ORDER BY e.fireTime DESC, e.attempt DESC", Instant.class)
                    .setParameter("task", taskId).setFirstResult(keepLast - 1).setMaxResults(1).getResultList();
            if (kept.isEmpty()) {
                return 0;
            }
            before = kept.get(0).isBefore(before) ? kept.get(0) : before;
        }
        List<Long> ids = em.createQuery("SELECT e.id FROM ExecutionEntity e WHERE e.taskId = :task"
                        + " AND e.fireTime < :before AND e.status NOT IN :unfinished ORDER BY e.fireTime", Long.class)
                .setParameter("task", taskId).setParameter("before", before)
                .setParameter("unfinished", List.of(ExecutionStatus.WAITING, ExecutionStatus.QUEUED,
                        ExecutionStatus.RUNNING))
                .setMaxResults(most).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("DELETE FROM ExecutionEntity e WHERE e.id IN :ids").setParameter("ids", ids)
                .executeUpdate();
    }

    @Override
    public List<Long> recordClaims(List<ClaimedFireRows> claims) {
        if (claims.isEmpty()) {
            return List.of();
        }
        List<Long> ids = executionIds.take(claims.size());
        jdbc("record claims", connection -> {
            ClaimStatements.recordClaims(connection, claims, ids);
            return null;
        });
        return ids;
    }

    @Override
    public void reschedule(TaskRow task) {
        TaskRows.copy(task, held(task));
    }

    /** The managed row of a task this transaction locked, checked to be the version the caller read. */
    private TaskEntity held(TaskRow task) {
        TaskEntity entity = em.find(TaskEntity.class, task.id());
        if (entity == null || entity.version != task.version()) {
            throw new IllegalStateException("Task " + task.name() + " is not the version this transaction locked ("
                    + task.version() + ")");
        }
        return entity;
    }

    @Override
    public Set<Long> markRunning(List<Long> executionIds, String node, Instant startedAt) {
        if (executionIds.isEmpty()) {
            return Set.of();
        }
        return jdbc("mark executions running", connection -> ClaimStatements.markRunning(connection, executionIds,
                node, startedAt));
    }

    @Override
    public void unmarkRunning(List<Long> executionIds, String node) {
        if (executionIds.isEmpty()) {
            return;
        }
        em.createQuery("UPDATE ExecutionEntity e SET e.status = :queued, e.startedAt = NULL"
                        + " WHERE e.id IN :ids AND e.status = :running AND e.node = :node")
                .setParameter("queued", ExecutionStatus.QUEUED)
                .setParameter("running", ExecutionStatus.RUNNING)
                .setParameter("ids", executionIds)
                .setParameter("node", node)
                .executeUpdate();
    }

    @Override
    public List<ExecutionOutcome> finishAll(List<ExecutionOutcome> outcomes, String node, AfterRun afterRun) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        return jdbc("record outcomes", connection -> FinishStatements.finishAll(connection, dialect, outcomes, node,
                afterRun));
    }

    /** Statements in plain JDBC on the connection of the caller's transaction (the hot path: {@link ClaimStatements}, {@link FinishStatements}). */
    private <T> T jdbc(String what, SqlWork<T> work) {
        Connection connection = em.unwrap(Connection.class);
        if (connection == null) {
            throw new IllegalStateException("Cannot " + what + " outside a transaction");
        }
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new PersistenceException("Could not " + what + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @Override
    public Page<ExecutionRow> executions(long taskId, int offset, int limit) {
        List<ExecutionRow> rows = em.createQuery("SELECT e FROM ExecutionEntity e WHERE e.taskId = :task"
                        + " ORDER BY e.fireTime DESC, e.attempt DESC, e.id DESC", ExecutionEntity.class)
                .setParameter("task", taskId)
                .setFirstResult(offset).setMaxResults(limit)
                .getResultStream().map(ExecutionRows::toRow).toList();
        return Page.of(rows, offset, limit, () -> em.createQuery(
                "SELECT COUNT(e) FROM ExecutionEntity e WHERE e.taskId = :task", Long.class)
                .setParameter("task", taskId).getSingleResult());
    }

    @Override
    public Map<TaskState, Long> countByState() {
        Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
        em.createQuery("SELECT t.state, COUNT(t) FROM TaskEntity t GROUP BY t.state", Object[].class)
                .getResultStream().forEach(row -> counts.put((TaskState) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    @Override
    public Map<ExecutionStatus, Long> countByStatus(Instant firedFrom) {
        Map<ExecutionStatus, Long> counts = new EnumMap<>(ExecutionStatus.class);
        em.createQuery("SELECT e.status, COUNT(e) FROM ExecutionEntity e WHERE e.fireTime >= :from"
                        + " GROUP BY e.status", Object[].class).setParameter("from", firedFrom)
                .getResultStream().forEach(row -> counts.put((ExecutionStatus) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    /** A count, then one ordered look-up per quantile: the database sorts, nothing but the answers comes back. */
    @Override
    public List<Duration> latenessQuantiles(Instant firedFrom, List<Double> quantiles) {
        String started = " FROM cw_execution WHERE kind = '" + ExecutionKind.SCHEDULED + "' AND attempt = 1"
                + " AND started_at IS NOT NULL AND fire_time >= ?";
        long micros = InstantConverter.toMicros(firedFrom);
        long count = ((Number) em.createNativeQuery("SELECT COUNT(*)" + started).setParameter(1, micros)
                .getSingleResult()).longValue();
        if (count == 0) {
            return List.of();
        }
        return quantiles.stream().map(q -> {
            long rank = Math.max(0, Math.min(count - 1, (long) Math.ceil(q * count) - 1));
            Number late = (Number) em.createNativeQuery("SELECT started_at - fire_time" + started
                    + " ORDER BY 1 LIMIT 1 OFFSET " + rank).setParameter(1, micros).getSingleResult();
            return Duration.of(late.longValue(), ChronoUnit.MICROS);
        }).toList();
    }

    @Override
    public Page<ExecutionRow> executions(ExecutionQuery query) {
        ExecutionFilter filter = new ExecutionFilter(query);
        TypedQuery<ExecutionEntity> select = em.createQuery("SELECT e FROM ExecutionEntity e" + filter.where()
                + " ORDER BY e.fireTime DESC, e.attempt DESC, e.id DESC", ExecutionEntity.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(e) FROM ExecutionEntity e" + filter.where(),
                Long.class);
        filter.bind(select);
        filter.bind(count);
        List<ExecutionRow> rows = select.setFirstResult(query.offset()).setMaxResults(query.limit())
                .getResultStream().map(ExecutionRows::toRow).toList();
        return Page.of(rows, query.offset(), query.limit(), count::getSingleResult);
    }

    @Override
    public Optional<ExecutionRow> execution(long id) {
        return Optional.ofNullable(em.find(ExecutionEntity.class, id)).map(ExecutionRows::toRow);
    }

    @Override
    public boolean isReachable() {
        return em.createNativeQuery("SELECT 1").getSingleResult() != null;
    }
}
