package dev.clockwork.store.jpa;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.TaskState;
import dev.clockwork.store.ExecutionOutcome;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.TaskClaim;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The statements of the engine's hot path (claiming due tasks, recording how runs ended), in plain JDBC on the
 * connection of the caller's transaction: a few statements per claim or finish, and no entity bookkeeping, which
 * costs a node more CPU than the database work itself (docs/decisions/007-plain-jdbc-hot-path.md).
 */
final class RunStatements {

    /**
     * Candidates for a claim, earliest first, without locks. Served by cw_task_due_ix in index order, so the
     * database stops after {@code LIMIT} rows however many tasks are due or scheduled.
     */
    private static final String DUE_CANDIDATES = "SELECT id, priority, next_fire_at FROM cw_task"
            + " WHERE next_fire_at <= ? ORDER BY next_fire_at LIMIT ?";
    /** How many candidates to read per task to claim: room for priorities and for rows other nodes hold. */
    private static final int CANDIDATES_PER_CLAIM = 4;
    private static final String TASK_COLUMNS = "id, name, trigger_text, zone, action, args, priority, state,"
            + " state_reason, description, anchor_at, next_fire_at, fire_count, last_fire_at, max_attempts, created_at, created_by,"
            + " updated_at, updated_by, version";
    /**
     * Advances claimed tasks that share their next fire time and state past the fire at their {@code next_fire_at}.
     * The last fire is assigned first: MySQL and MariaDB assign from left to right with the new values, the others
     * with the row's old values, and both then agree.
     */
    private static final String CLAIM_TASKS = "UPDATE cw_task SET last_fire_at = next_fire_at, next_fire_at = ?,"
            + " state = ?, fire_count = fire_count + 1, version = version + 1"
            + " WHERE next_fire_at IS NOT NULL AND id IN (";
    private static final String INSERT_EXECUTION = "INSERT INTO cw_execution (id, task_id, task_name, fire_time,"
            + " attempt, kind, node, status, claimed_at, lease_until, started_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Names an unfinished execution and its node in {@code cw_run} (see {@link RunEntity}). */
    private static final String INSERT_RUN = "INSERT INTO cw_run (execution_id, node) VALUES (?, ?)";
    /** Ends one execution if it still runs on the node. */
    private static final String FINISH_EXECUTION = "UPDATE cw_execution SET status = ?, started_at = ?,"
            + " finished_at = ?, result = ?, error = ?, stack_trace = ?, report = ?, lease_until = NULL"
            + " WHERE id = ? AND status = ? AND node = ?";
    /**
     * Ends executions whose outcomes share their status and texts, each with its own start and end (the CASE lists
     * that follow).
     */
    private static final String FINISH_EXECUTIONS_ALIKE = "UPDATE cw_execution SET status = ?, result = ?,"
            + " error = ?, stack_trace = ?, report = ?, lease_until = NULL, started_at = CASE id";
    private static final String FINISH_TASKS = "UPDATE cw_task SET state = ?, state_reason = ?, next_fire_at = ?,"
            + " version = version + 1 WHERE id IN (";
    private RunStatements() {
    }

    /** {@code items} in consecutive slices of at most {@link TaskStore#MOST_IDS}, for one statement each. */
    static <T> List<List<T>> slices(List<T> items) {
        return slices(items, TaskStore.MOST_IDS);
    }

    /** {@code items} in consecutive slices of at most {@code size}. */
    static <T> List<List<T>> slices(List<T> items, int size) {
        List<List<T>> slices = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            slices.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return slices;
    }

    /** See {@link TaskStore#lockDue}. */
    static List<TaskRow> lockDue(Connection connection, Instant now, int limit) throws SQLException {
        long nowMicros = InstantConverter.toMicros(now);
        record Candidate(long id, int priority, long nextFireAt) {
        }
        List<Candidate> candidates = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(DUE_CANDIDATES)) {
            select.setLong(1, nowMicros);
            select.setInt(2, Math.max(limit * CANDIDATES_PER_CLAIM, 32));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    candidates.add(new Candidate(rows.getLong(1), rows.getInt(2), rows.getLong(3)));
                }
            }
        }
        List<Long> ordered = candidates.stream()
                .sorted(Comparator.comparingInt(Candidate::priority).reversed()
                        .thenComparingLong(Candidate::nextFireAt))
                .map(Candidate::id)
                .toList();
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
            for (TaskRow row : selectTasks(connection, slice, "FOR UPDATE SKIP LOCKED")) {
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
        try (PreparedStatement select = connection.prepareStatement("SELECT MIN(next_fire_at) FROM cw_task");
             ResultSet row = select.executeQuery()) {
            row.next();
            return instant(row, 1);
        }
    }

    /** See {@link TaskStore#recordClaims}; {@code ids} are the new executions' ids, one per claim. */
    static void recordClaims(Connection connection, List<TaskClaim> claims, List<Long> ids) throws SQLException {
        record Advanced(Optional<Instant> next, TaskState state) {
        }
        Map<Advanced, List<TaskRow>> byNext = new LinkedHashMap<>();
        for (TaskClaim claim : claims) {
            TaskRow task = claim.advanced();
            if (!task.lastFireAt().equals(Optional.of(claim.execution().fireTime()))) {
                throw new IllegalArgumentException("A claim advances task " + task.name() + " past the fire it"
                        + " claims; its last fire is " + task.lastFireAt() + ", the fire "
                        + claim.execution().fireTime());
            }
            byNext.computeIfAbsent(new Advanced(task.nextFireAt(), task.state()), next -> new ArrayList<>()).add(task);
        }
        for (Map.Entry<Advanced, List<TaskRow>> group : byNext.entrySet()) {
            updateEach(connection, CLAIM_TASKS, group.getValue(), "claimed", update -> {
                setInstant(update, 1, group.getKey().next());
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
                setInstant(insert, 10, execution.leaseUntil());
                setInstant(insert, 11, execution.startedAt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_RUN)) {
            for (int i = 0; i < claims.size(); i++) {
                insert.setLong(1, ids.get(i));
                insert.setString(2, claims.get(i).execution().node().orElse(null));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** See {@link TaskStore#markRunning}. */
    static Set<Long> markRunning(Connection connection, List<Long> ids, String node, Instant startedAt)
            throws SQLException {
        List<Long> queued = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM cw_execution WHERE id IN ("
                + idList(ids) + ") AND status = ? AND node = ? ORDER BY id FOR UPDATE")) {
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
                + " started_at = ? WHERE id IN (" + idList(queued) + ")")) {
            update.setString(1, ExecutionStatus.RUNNING.name());
            update.setLong(2, InstantConverter.toMicros(startedAt));
            update.executeUpdate();
        }
        return new HashSet<>(queued);
    }

    /** See {@link TaskStore#finishAll}. */
    static List<ExecutionOutcome> finishAll(Connection connection, Dialect dialect, List<ExecutionOutcome> outcomes,
                                            String node, TaskStore.AfterRun afterRun) throws SQLException {
        // Only the tasks whose schedule a run's end may move (fixed delay) are locked and read, and first: the order
        // in which a claim (locks tasks, inserts executions) and a delete (the task, then its executions by cascade)
        // take them, so none of them deadlock another. The other runs' ends write their execution and run rows
        // alone; an execution whose task was deleted is gone, and its outcome is not written.
        Map<Long, TaskRow> tasks = new LinkedHashMap<>();
        for (TaskRow task : selectTasks(connection, outcomes.stream().filter(ExecutionOutcome::movesSchedule)
                .map(ExecutionOutcome::taskId).distinct().sorted().toList(), "ORDER BY id FOR UPDATE")) {
            tasks.put(task.id(), task);
        }
        Map<Long, ExecutionOutcome> byExecution = new TreeMap<>();
        outcomes.stream().filter(outcome -> !outcome.movesSchedule() || tasks.containsKey(outcome.taskId()))
                .forEach(outcome -> byExecution.putIfAbsent(outcome.executionId(), outcome));
        List<ExecutionOutcome> ordered = List.copyOf(byExecution.values());
        List<ExecutionOutcome> recorded = dialect.groupsOutcomes() ? finishExecutionsAlike(connection, ordered, node)
                : finishEachExecution(connection, ordered, node);
        endRuns(connection, recorded.stream().map(ExecutionOutcome::executionId).toList());
        Map<Long, TaskRow> locked = Map.copyOf(tasks);
        for (ExecutionOutcome outcome : recorded) {
            if (outcome.movesSchedule()) {
                TaskRow ended = tasks.get(outcome.taskId());
                afterRun.after(ended, outcome.kind(), outcome.finishedAt())
                        .ifPresent(after -> tasks.put(after.id(), after));
            }
        }
        List<TaskRow> changed = tasks.values().stream().filter(task -> !task.equals(locked.get(task.id())))
                .sorted(Comparator.comparingLong(TaskRow::id)).toList();
        record After(TaskState state, Optional<String> reason, Optional<Instant> nextFireAt) {
        }
        Map<After, List<TaskRow>> byAfter = new LinkedHashMap<>();
        for (TaskRow task : changed) {
            byAfter.computeIfAbsent(new After(task.state(), task.stateReason(), task.nextFireAt()),
                    after -> new ArrayList<>()).add(task);
        }
        for (Map.Entry<After, List<TaskRow>> group : byAfter.entrySet()) {
            After after = group.getKey();
            updateEach(connection, FINISH_TASKS, group.getValue(), "finished", update -> {
                update.setString(1, after.state().name());
                setString(update, 2, after.reason());
                setInstant(update, 3, after.nextFireAt());
            });
        }
        return recorded;
    }

    /**
     * Writes the outcomes, in execution id order, of those executions that are still running on {@code node}, a
     * statement each in one batch; the update's own condition decides, and locks, so no read comes before it.
     * Returns the outcomes written.
     */
    private static List<ExecutionOutcome> finishEachExecution(Connection connection, List<ExecutionOutcome> outcomes,
                                                              String node) throws SQLException {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        int[] counts;
        try (PreparedStatement update = connection.prepareStatement(FINISH_EXECUTION)) {
            for (ExecutionOutcome outcome : outcomes) {
                update.setString(1, outcome.status().name());
                update.setLong(2, InstantConverter.toMicros(outcome.startedAt()));
                update.setLong(3, InstantConverter.toMicros(outcome.finishedAt()));
                update.setString(4, outcome.result().orElse(null));
                update.setString(5, outcome.error().orElse(null));
                update.setString(6, outcome.stackTrace().orElse(null));
                update.setString(7, outcome.report().orElse(null));
                update.setLong(8, outcome.executionId());
                update.setString(9, ExecutionStatus.RUNNING.name());
                update.setString(10, node);
                update.addBatch();
            }
            counts = update.executeBatch();
        }
        List<ExecutionOutcome> written = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException("The JDBC driver did not tell which executions it updated; Clockwork"
                        + " needs update counts from batches");
            }
            if (counts[i] > 0) {
                written.add(outcomes.get(i));
            }
        }
        return written;
    }

    /**
     * Writes the outcomes of those executions that are still running on {@code node}, one statement per group of
     * outcomes that differ only in their times. The executions are locked first, in id order, by id alone, and
     * checked here. Returns the outcomes written.
     */
    private static List<ExecutionOutcome> finishExecutionsAlike(Connection connection,
                                                                List<ExecutionOutcome> outcomes, String node)
            throws SQLException {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        Set<Long> running = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, status, node FROM cw_execution"
                + " WHERE id IN (" + idList(outcomes.stream().map(ExecutionOutcome::executionId).toList())
                + ") ORDER BY id FOR UPDATE");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (ExecutionStatus.RUNNING.name().equals(rows.getString(2)) && node.equals(rows.getString(3))) {
                    running.add(rows.getLong(1));
                }
            }
        }
        List<ExecutionOutcome> written = outcomes.stream()
                .filter(outcome -> running.contains(outcome.executionId())).toList();
        record Ended(ExecutionStatus status, Optional<String> result, Optional<String> error,
                     Optional<String> stackTrace, Optional<String> report) {
        }
        Map<Ended, List<ExecutionOutcome>> alike = new LinkedHashMap<>();
        for (ExecutionOutcome outcome : written) {
            alike.computeIfAbsent(new Ended(outcome.status(), outcome.result(), outcome.error(), outcome.stackTrace(),
                    outcome.report()), ended -> new ArrayList<>()).add(outcome);
        }
        for (Map.Entry<Ended, List<ExecutionOutcome>> group : alike.entrySet()) {
            Ended ended = group.getKey();
            for (List<ExecutionOutcome> slice : slices(group.getValue())) {
                String whens = String.join(" ", Collections.nCopies(slice.size(), "WHEN ? THEN ?"));
                try (PreparedStatement update = connection.prepareStatement(FINISH_EXECUTIONS_ALIKE + " " + whens
                        + " END, finished_at = CASE id " + whens + " END WHERE id IN ("
                        + idList(slice.stream().map(ExecutionOutcome::executionId).toList()) + ")")) {
                    update.setString(1, ended.status().name());
                    setString(update, 2, ended.result());
                    setString(update, 3, ended.error());
                    setString(update, 4, ended.stackTrace());
                    setString(update, 5, ended.report());
                    int index = 6;
                    for (ExecutionOutcome run : slice) {
                        update.setLong(index++, run.executionId());
                        update.setLong(index++, InstantConverter.toMicros(run.startedAt()));
                    }
                    for (ExecutionOutcome run : slice) {
                        update.setLong(index++, run.executionId());
                        update.setLong(index++, InstantConverter.toMicros(run.finishedAt()));
                    }
                    int count = update.executeUpdate();
                    if (count != slice.size()) {
                        throw new IllegalStateException(count + " of the " + slice.size() + " executions locked to"
                                + " record their outcomes were written (among them "
                                + slice.stream().map(ExecutionOutcome::executionId).limit(10).toList() + ")");
                    }
                }
            }
        }
        return written;
    }

    /**
     * Deletes the {@code cw_run} rows of executions that ended, after their outcomes: the order of the claim, which
     * inserts the execution and then its run.
     */
    private static void endRuns(Connection connection, List<Long> executionIds) throws SQLException {
        for (List<Long> slice : slices(executionIds)) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM cw_run WHERE execution_id IN ("
                    + idList(slice) + ")")) {
                delete.executeUpdate();
            }
        }
    }

    /** Binds a statement's parameters that come before the ids. */
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs {@code sql}, which ends in {@code id IN (}, for the ids of {@code tasks}, a statement per
     * {@link TaskStore#MOST_IDS}; {@code first} binds the parameters before the ids. Every task must be written, as this
     * transaction locked them all.
     */
    private static void updateEach(Connection connection, String sql, List<TaskRow> tasks, String what,
                                   Binder first) throws SQLException {
        for (List<TaskRow> slice : slices(tasks)) {
            try (PreparedStatement update = connection.prepareStatement(sql
                    + idList(slice.stream().map(TaskRow::id).toList()) + ")")) {
                first.bind(update);
                int count = update.executeUpdate();
                if (count != slice.size()) {
                    throw new IllegalStateException(count + " of the " + slice.size() + " " + what + " tasks"
                            + " were written; the others (among " + slice.stream().map(TaskRow::name).limit(10)
                            .toList() + ") were deleted or are not locked by this transaction");
                }
            }
        }
    }

    /**
     * {@code SELECT <task columns> FROM cw_task WHERE id IN (ids) <rest>}.
     */
    private static List<TaskRow> selectTasks(Connection connection, List<Long> ids, String rest)
            throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<TaskRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + TASK_COLUMNS + " FROM cw_task"
                + " WHERE id IN (" + idList(ids) + ") " + rest)) {
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(task(row));
                }
            }
        }
        return rows;
    }

    /** The task in {@code row}, read with {@link #TASK_COLUMNS}. */
    private static TaskRow task(ResultSet row) throws SQLException {
        return TaskRow.builder(row.getString(2)).id(row.getLong(1)).trigger(row.getString(3)).zone(row.getString(4))
                .action(row.getString(5)).args(Optional.ofNullable(row.getString(6))).priority(row.getInt(7))
                .state(TaskState.valueOf(row.getString(8))).stateReason(Optional.ofNullable(row.getString(9)))
                .description(Optional.ofNullable(row.getString(10))).anchorAt(instant(row, 11).orElseThrow())
                .nextFireAt(instant(row, 12)).fireCount(row.getLong(13)).lastFireAt(instant(row, 14))
                .maxAttempts(row.getInt(15)).created(instant(row, 16).orElseThrow(), row.getString(17))
                .updatedAt(instant(row, 18).orElseThrow()).updatedBy(row.getString(19)).version(row.getLong(20))
                .build();
    }

    /**
     * Ids, written into the statement rather than bound: numbers this class read from the database, never text a
     * user typed. A statement whose text is the same each time is planned once for all by PostgreSQL (a generic
     * plan, after its fifth run on a connection) for the table's size at that moment, and keeps that plan until the
     * table is analyzed: a lookup by id first planned on a small table kept a sequential scan once it had grown. Each
     * list of ids is planned for itself, for the table as it is (docs/decisions/005-hot-rows-named-by-id.md).
     */
    private static String idList(List<Long> ids) {
        StringBuilder list = new StringBuilder(ids.size() * 8);
        for (long id : ids) {
            if (!list.isEmpty()) {
                list.append(',');
            }
            list.append(id);
        }
        return list.toString();
    }

    private static Optional<Instant> instant(ResultSet row, int column) throws SQLException {
        long micros = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(InstantConverter.fromMicros(micros));
    }

    private static void setInstant(PreparedStatement statement, int index, Optional<Instant> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, InstantConverter.toMicros(value.get()));
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static void setString(PreparedStatement statement, int index, Optional<String> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }
}
