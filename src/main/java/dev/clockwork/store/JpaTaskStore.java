package dev.clockwork.store;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.Page;
import dev.clockwork.api.TaskQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link TaskStore} on JPA (EclipseLink), with native SQL only where JPQL cannot say it (row locks). */
@ApplicationScoped
public class JpaTaskStore implements TaskStore {

    /**
     * Candidates for a claim, earliest first, without locks. Served by cw_task_due_ix in index order, so the
     * database stops after {@code LIMIT} rows however many tasks are due or scheduled.
     */
    private static final String DUE_CANDIDATES = "SELECT id, priority, next_fire_at FROM cw_task"
            + " WHERE next_fire_at <= ? ORDER BY next_fire_at LIMIT ?";
    /** How many candidates to read per task to claim: room for priorities and for rows other nodes hold. */
    private static final int CANDIDATES_PER_CLAIM = 4;

    @PersistenceContext(unitName = "clockwork")
    EntityManager em;

    @Override
    public Optional<TaskRow> insert(TaskRow task) {
        if (findByName(task.name()).isPresent()) {
            return Optional.empty();
        }
        TaskEntity entity = new TaskEntity();
        TaskRows.copy(task, entity);
        em.persist(entity);
        em.flush();
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

    @Override
    public Page<TaskRow> list(TaskQuery query) {
        TaskFilter filter = TaskFilter.of(query);
        TypedQuery<TaskEntity> select = em.createQuery(
                "SELECT t FROM TaskEntity t" + filter.where() + " ORDER BY t.name", TaskEntity.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(t) FROM TaskEntity t" + filter.where(), Long.class);
        filter.bind(select);
        filter.bind(count);
        List<TaskRow> rows = select.setFirstResult(query.offset()).setMaxResults(query.limit())
                .getResultStream().map(TaskRows::toRow).toList();
        return Page.of(rows, query.offset(), query.limit(), count::getSingleResult);
    }

    @Override
    public Optional<TaskRow> update(TaskRow task) {
        TaskEntity entity = em.find(TaskEntity.class, task.id());
        if (entity == null || entity.version != task.version()) {
            return Optional.empty();
        }
        TaskRows.copy(task, entity);
        em.flush();
        return Optional.of(TaskRows.toRow(entity));
    }

    @Override
    public boolean delete(String name) {
        return em.createQuery("DELETE FROM TaskEntity t WHERE t.name = :name")
                .setParameter("name", name).executeUpdate() > 0;
    }

    /**
     * Locks the chosen rows only. Locking in the candidate query itself would lock every row the database reads to
     * sort (MariaDB and H2 do), so one node's claim would block every other node's. {@code SKIP LOCKED} (H2 2.x,
     * MySQL 8, MariaDB 10.6+, PostgreSQL) passes over rows another node holds; the repeated due condition drops
     * rows another node advanced since the candidates were read.
     */
    @Override
    public List<TaskRow> lockDue(Instant now, int limit) {
        long nowMicros = InstantConverter.toMicros(now);
        @SuppressWarnings("unchecked")
        List<Object[]> candidates = em.createNativeQuery(DUE_CANDIDATES)
                .setParameter(1, nowMicros)
                .setParameter(2, Math.max(limit * CANDIDATES_PER_CLAIM, 32))
                .getResultList();
        List<Long> chosen = candidates.stream()
                .sorted(Comparator.<Object[]>comparingInt(c -> ((Number) c[1]).intValue()).reversed()
                        .thenComparingLong(c -> ((Number) c[2]).longValue()))
                .limit(limit)
                .map(c -> ((Number) c[0]).longValue())
                .toList();
        if (chosen.isEmpty()) {
            return List.of();
        }
        // The whole rows, read by the locking statement itself: a plain read would give MariaDB's REPEATABLE READ
        // snapshot, taken at the candidate query, where a task finished since still has its old version.
        List<TaskEntity> locked = lockRows("cw_task", TaskEntity.class, chosen,
                "AND next_fire_at <= ? FOR UPDATE SKIP LOCKED", nowMicros);
        return locked.stream().map(TaskRows::toRow)
                .sorted(Comparator.comparingInt(TaskRow::priority).reversed()
                        .thenComparing(row -> row.nextFireAt().orElse(Instant.MAX)))
                .toList();
    }

    @Override
    public Optional<Instant> earliestNextFire() {
        return Optional.ofNullable(em.createQuery("SELECT MIN(t.nextFireAt) FROM TaskEntity t", Instant.class)
                .getSingleResult());
    }

    @Override
    public long insertExecution(ExecutionRow execution) {
        ExecutionEntity entity = ExecutionRows.toEntity(execution);
        em.persist(entity);
        em.flush();
        return entity.id;
    }

    @Override
    public long recordClaim(TaskRow advanced, ExecutionRow execution) {
        TaskRows.copy(advanced, held(advanced));
        ExecutionEntity inserted = ExecutionRows.toEntity(execution);
        em.persist(inserted);
        return inserted.id;
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
    public boolean markRunning(long executionId, String node, Instant startedAt) {
        return em.createQuery("UPDATE ExecutionEntity e SET e.status = :running, e.startedAt = :at"
                        + " WHERE e.id = :id AND e.status = :queued AND e.node = :node")
                .setParameter("node", node)
                .setParameter("running", ExecutionStatus.RUNNING)
                .setParameter("at", startedAt)
                .setParameter("id", executionId)
                .setParameter("queued", ExecutionStatus.QUEUED)
                .executeUpdate() == 1;
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
    public List<ExecutionOutcome> finishAll(List<ExecutionOutcome> outcomes, String node) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        // The task rows first, then the executions: the order in which a claim (locks tasks, inserts executions)
        // and a delete (the task, then its executions by cascade) take them, so none of them deadlock another.
        Map<Long, TaskEntity> tasks = new HashMap<>();
        for (TaskEntity task : this.<TaskEntity>lockByIds("cw_task", TaskEntity.class,
                outcomes.stream().map(ExecutionOutcome::taskId).distinct().sorted().toList())) {
            tasks.put(task.id, task);
        }
        Map<Long, ExecutionEntity> executions = new HashMap<>();
        for (ExecutionEntity execution : this.<ExecutionEntity>lockByIds("cw_execution", ExecutionEntity.class,
                outcomes.stream().map(ExecutionOutcome::executionId).distinct().sorted().toList())) {
            executions.put(execution.id, execution);
        }
        List<ExecutionOutcome> recorded = new ArrayList<>();
        for (ExecutionOutcome outcome : outcomes) {
            ExecutionEntity execution = executions.get(outcome.executionId());
            TaskEntity task = tasks.get(outcome.taskId());
            if (task == null || execution == null || execution.status != ExecutionStatus.RUNNING
                    || !node.equals(execution.node)) {
                continue;
            }
            ExecutionRows.apply(outcome, execution);
            task.lastStatus = outcome.status();
            recorded.add(outcome);
        }
        return recorded;
    }

    /**
     * Locks rows by primary key in one statement, in key order, and returns them as committed now (see
     * {@link #lockDue} on MariaDB's snapshot).
     */
    private <T> List<T> lockByIds(String table, Class<T> entity, List<Long> ids) {
        return lockRows(table, entity, ids, "ORDER BY id FOR UPDATE");
    }

    /**
     * {@code SELECT * FROM table WHERE id IN (ids) <rest>}, mapped to {@code entity} and refreshed from the rows
     * read, so a locking {@code rest} returns the rows as committed now; {@code more} binds the parameters of
     * {@code rest}.
     */
    @SuppressWarnings("unchecked")
    private <T> List<T> lockRows(String table, Class<T> entity, List<Long> ids, String rest, Object... more) {
        String placeholders = String.join(",", Collections.nCopies(ids.size(), "?"));
        Query lock = em.createNativeQuery("SELECT * FROM " + table + " WHERE id IN (" + placeholders + ") " + rest,
                entity).setHint("eclipselink.refresh", "true");
        for (int i = 0; i < ids.size(); i++) {
            lock.setParameter(i + 1, ids.get(i));
        }
        for (int i = 0; i < more.length; i++) {
            lock.setParameter(ids.size() + i + 1, more[i]);
        }
        return lock.getResultList();
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
    public Optional<ExecutionRow> execution(long id) {
        return Optional.ofNullable(em.find(ExecutionEntity.class, id)).map(ExecutionRows::toRow);
    }

    @Override
    public boolean isReachable() {
        return em.createNativeQuery("SELECT 1").getSingleResult() != null;
    }
}
