package dev.clockwork.store.jpa;

import dev.clockwork.api.TaskState;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The plain JDBC the store's hot-path statements share: id lists and slices, reading tasks, binding instants. */
final class JdbcRows {

    private static final String TASK_COLUMNS = "id, name, trigger_text, zone, action, args, priority, state,"
            + " state_reason, description, anchor_at, next_fire_at, fire_count, last_fire_at, max_attempts,"
            + " created_at, created_by, updated_at, updated_by, version, timeout_ms, retry_backoff_ms,"
            + " retry_multiplier, retry_max_backoff_ms, retry_jitter, misfire, grace_ms, overlap";

    private JdbcRows() {
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

    /** Binds a statement's parameters that come before the ids. */
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs {@code sql}, which ends in {@code id IN (}, for the ids of {@code tasks}, a statement per
     * {@link TaskStore#MOST_IDS}; {@code first} binds the parameters before the ids. Every task must be written, as
     * this transaction locked them all.
     */
    static void updateEach(Connection connection, String sql, List<TaskRow> tasks, String what,
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
    static List<TaskRow> selectTasks(Connection connection, List<Long> ids, String rest)
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
                .created(instant(row, 16).orElseThrow(), row.getString(17))
                .updatedAt(instant(row, 18).orElseThrow()).updatedBy(row.getString(19)).version(row.getLong(20))
                .timeout(PolicyColumns.timeout(row.getObject(21, Long.class)))
                .retry(PolicyColumns.retry(row.getInt(15), row.getObject(22, Long.class),
                        row.getObject(23, Double.class), row.getObject(24, Long.class), row.getObject(25, Double.class)))
                .fires(PolicyColumns.fires(row.getString(26), row.getObject(27, Long.class), row.getString(28)))
                .build();
    }

    /**
     * Ids, written into the statement rather than bound: numbers this class read from the database, never text a
     * user typed. A statement whose text is the same each time is planned once for all by PostgreSQL (a generic
     * plan, after its fifth run on a connection) for the table's size at that moment, and keeps that plan until the
     * table is analyzed: a lookup by id first planned on a small table kept a sequential scan once it had grown. Each
     * list of ids is planned for itself, for the table as it is (docs/decisions/005-hot-rows-named-by-id.md).
     */
    static String idList(List<Long> ids) {
        StringBuilder list = new StringBuilder(ids.size() * 8);
        for (long id : ids) {
            if (!list.isEmpty()) {
                list.append(',');
            }
            list.append(id);
        }
        return list.toString();
    }

    static Optional<Instant> instant(ResultSet row, int column) throws SQLException {
        long micros = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(InstantConverter.fromMicros(micros));
    }

    static void setInstant(PreparedStatement statement, int index, Optional<Instant> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, InstantConverter.toMicros(value.get()));
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    static void setString(PreparedStatement statement, int index, Optional<String> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }
}
