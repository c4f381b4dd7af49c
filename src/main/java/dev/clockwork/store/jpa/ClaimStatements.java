package dev.clockwork.store.jpa;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.TaskState;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.ClaimedFireRows;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The statements that claim due tasks and start their runs, in plain JDBC on the connection of the caller's
 * transaction: a few statements per claim, and no entity bookkeeping (docs/decisions/007-plain-jdbc-hot-path.md).
 */
final class ClaimStatements {

    /**
     * Candidates for a claim, earliest first, without locks. Served by cw_task_due_ix in index order, so the
     * database stops after {@code LIMIT} rows however many tasks are due or scheduled.
     */
    private static final String DUE_CANDIDATES = "SELECT id, priority, next_fire_at FROM cw_task"
            + " WHERE next_fire_at <= ? ORDER BY next_fire_at LIMIT ?";

    /**
     * Due tasks of a higher priority than a claim would take from its candidates, when there may be more due tasks
     * than candidates: served by cw_task_priority_ix, whose rows above that priority are few where most tasks keep
     * the default priority.
     */
    private static final String HIGHER_PRIORITY_DUE = "SELECT id, priority, next_fire_at FROM cw_task"
            + " WHERE priority > ? AND next_fire_at <= ? ORDER BY priority DESC, next_fire_at LIMIT ?";

    /**
     * The earliest next fire, and the earliest due retry of a task that is not paused (a cancelled task has none):
     * two index look-ups, along cw_task_due_ix and cw_execution_due_ix.
     */
    static final String EARLIEST_DUE = "SELECT MIN(next_fire_at) FROM cw_task"
            + " UNION ALL SELECT MIN(e.due_at) FROM cw_execution e JOIN cw_task t ON t.id = e.task_id"
            + " WHERE e.status = ? AND t.state <> ?";

    /** How many candidates to read per task to claim: room for priorities and for rows other nodes hold. */
    private static final int CANDIDATES_PER_CLAIM = 4;

    /**
     * Advances claimed tasks that share their next fire time and state past the fire at their {@code next_fire_at}.
     * The last fire is assigned first: MySQL and MariaDB assign from left to right with the new values, the others
     * with the row's old values, and both then agree.
     */
    private static final String CLAIM_TASKS = "UPDATE cw_task SET last_fire_at = next_fire_at, next_fire_at = ?,"
            + " state = ?, fire_count = fire_count + 1, version = version + 1"
            + " WHERE next_fire_at IS NOT NULL AND id IN (";

    private static final String INSERT_EXECUTION = "INSERT INTO cw_execution (id, task_id, task_name, fire_time,"
            + " attempt, kind, node, status, claimed_at, started_at, finished_at, reason)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Names an unfinished execution, its task and its node in {@code cw_run} (see {@link RunEntity}). */
    private static final String INSERT_RUN = "INSERT INTO cw_run (execution_id, task_id, node) VALUES (?, ?, ?)";

    private ClaimStatements() {
    }

    /** See {@link TaskStore#lockDue}. */
    static List<TaskRow> lockDue(Connection connection, Instant now, int limit) throws SQLException {
        long nowMicros = InstantConverter.toMicros(now);
        record Candidate(long id, int priority, long nextFireAt) {
        }
        List<Candidate> candidates = new ArrayList<>();
        int window = Math.max(limit * CANDIDATES_PER_CLAIM, 32);
        try (PreparedStatement select = connection.prepareStatement(DUE_CANDIDATES)) {
            select.setLong(1, nowMicros);
            select.setInt(2, window);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    candidates.add(new Candidate(rows.getLong(1), rows.getInt(2), rows.getLong(3)));
                }
            }
        }
        Comparator<Candidate> byPriority = Comparator.comparingInt(Candidate::priority).reversed()
                .thenComparingLong(Candidate::nextFireAt);
        candidates.sort(byPriority);
        if (candidates.size() == window) {
            // More tasks may be due than the earliest ones read: a task due later may have a higher priority than
            // the lowest this claim would take, and goes first, across the whole backlog.
            int lowestTaken = candidates.get(Math.min(limit, candidates.size()) - 1).priority();
            Set<Long> known = new HashSet<>();
            candidates.forEach(candidate -> known.add(candidate.id()));
            try (PreparedStatement select = connection.prepareStatement(HIGHER_PRIORITY_DUE)) {
                select.setInt(1, lowestTaken);
                select.setLong(2, nowMicros);
                select.setInt(3, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (known.add(rows.getLong(1))) {
                            candidates.add(new Candidate(rows.getLong(1), rows.getInt(2), rows.getLong(3)));
                        }
                    }
                }
            }
            candidates.sort(byPriority);
        }
        List<Long> ordered = candidates.stream().map(Candidate::id).toList();
        // The whole rows, read by the locking statement itself: a plain read would give MariaDB's REPEATABLE READ
        // snapshot, taken at the candidate query, where a task finished since still has its old version. Rows
        // another node advanced since the candidates were read are dropped here, not by the statement: with the
        // due condition in it, PostgreSQL without statistics combined the primary key with a bitmap of every due
        // row in cw_task_due_ix, so each claim read the whole backlog (docs/decisions/005-hot-rows-named-by-id.md).
        // Where another node holds some of the first choices (nodes claiming at once read the same candidates), the
        // next ones are tried, so that claiming nodes share a backlog instead of one of them coming away empty.
        List<TaskRow> locked = new ArrayList<>();
        for (int from = 0; locked.size() < limit && from < ordered.size(); ) {
            List<Long> slice = ordered.subList(from, Math.min(ordered.size(),
                    from + Math.min(TaskStore.MOST_IDS, limit - locked.size())));
            from += slice.size();
            for (TaskRow row : JdbcRows.selectTasks(connection, slice, "FOR UPDATE SKIP LOCKED")) {
                if (row.nextFireAt().filter(next -> !next.isAfter(now)).isPresent()) {
                    locked.add(row);
                }
            }
        }
        return locked.stream()
                .sorted(Comparator.comparingInt(TaskRow::priority).reversed()
                        .thenComparing(row -> row.nextFireAt().orElse(Instant.MAX)))
                .toList();
    }

    /** See {@link TaskStore#earliestNextFire}. */
    static Optional<Instant> earliestNextFire(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(EARLIEST_DUE)) {
            select.setString(1, ExecutionStatus.WAITING.name());
            select.setString(2, TaskState.PAUSED.name());
            try (ResultSet rows = select.executeQuery()) {
                Optional<Instant> earliest = Optional.empty();
                while (rows.next()) {
                    Optional<Instant> each = JdbcRows.instant(rows, 1);
                    if (each.isPresent() && (earliest.isEmpty() || each.get().isBefore(earliest.get()))) {
                        earliest = each;
                    }
                }
                return earliest;
            }
        }
    }

    /** See {@link TaskStore#recordClaims}; {@code ids} are the new executions' ids, one per claim. */
    static void recordClaims(Connection connection, List<ClaimedFireRows> claims, List<Long> ids) throws SQLException {
        record Advanced(Optional<Instant> next, TaskState state) {
        }
        Map<Advanced, List<TaskRow>> byNext = new LinkedHashMap<>();
        for (ClaimedFireRows claim : claims) {
            TaskRow task = claim.advanced();
            if (!task.lastFireAt().equals(Optional.of(claim.execution().fireTime()))) {
                throw new IllegalArgumentException("A claim advances task " + task.name() + " past the fire it"
                        + " claims; its last fire is " + task.lastFireAt() + ", the fire "
                        + claim.execution().fireTime());
            }
            byNext.computeIfAbsent(new Advanced(task.nextFireAt(), task.state()), next -> new ArrayList<>()).add(task);
        }
        for (Map.Entry<Advanced, List<TaskRow>> group : byNext.entrySet()) {
            JdbcRows.updateEach(connection, CLAIM_TASKS, group.getValue(), "claimed", update -> {
                JdbcRows.setInstant(update, 1, group.getKey().next());
                update.setString(2, group.getKey().state().name());
            });
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EXECUTION)) {
            for (int i = 0; i < claims.size(); i++) {
                ExecutionRow execution = claims.get(i).execution();
                insert.setLong(1, ids.get(i));
                insert.setLong(2, execution.taskId());
                insert.setString(3, execution.taskName());
                insert.setLong(4, InstantConverter.toMicros(execution.fireTime()));
                insert.setInt(5, execution.attempt());
                insert.setString(6, execution.kind().name());
                insert.setString(7, execution.node().orElse(null));
                insert.setString(8, execution.status().name());
                insert.setLong(9, InstantConverter.toMicros(execution.claimedAt()));
                JdbcRows.setInstant(insert, 10, execution.startedAt());
                JdbcRows.setInstant(insert, 11, execution.finishedAt());
                insert.setString(12, execution.reason().orElse(null));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        boolean anyRun = false;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_RUN)) {
            for (int i = 0; i < claims.size(); i++) {
                ExecutionRow execution = claims.get(i).execution();
                if (execution.status().isClaimed()) {
                    insert.setLong(1, ids.get(i));
                    insert.setLong(2, execution.taskId());
                    insert.setString(3, execution.node().orElse(null));
                    insert.addBatch();
                    anyRun = true;
                }
            }
            if (anyRun) {
                insert.executeBatch();
            }
        }
    }

    /** Locks those of {@code ids} that still wait, skipping rows another transaction holds; returns them. */
    static List<Long> lockWaiting(Connection connection, List<Long> ids) throws SQLException {
        List<Long> locked = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM cw_execution WHERE id IN ("
                + JdbcRows.idList(ids) + ") AND status = ? ORDER BY id FOR UPDATE SKIP LOCKED")) {
            select.setString(1, ExecutionStatus.WAITING.name());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    locked.add(rows.getLong(1));
                }
            }
        }
        return locked;
    }

    /** See {@link TaskStore#markRunning}. */
    static Set<Long> markRunning(Connection connection, List<Long> ids, String node, Instant startedAt)
            throws SQLException {
        List<Long> queued = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM cw_execution WHERE id IN ("
                + JdbcRows.idList(ids) + ") AND status = ? AND node = ? ORDER BY id FOR UPDATE")) {
            select.setString(1, ExecutionStatus.QUEUED.name());
            select.setString(2, node);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    queued.add(rows.getLong(1));
                }
            }
        }
        if (queued.isEmpty()) {
            return Set.of();
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE cw_execution SET status = ?,"
                + " started_at = ? WHERE id IN (" + JdbcRows.idList(queued) + ")")) {
            update.setString(1, ExecutionStatus.RUNNING.name());
            update.setLong(2, InstantConverter.toMicros(startedAt));
            update.executeUpdate();
        }
        return new HashSet<>(queued);
    }
}
