package dev.clockwork.store.jpa;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.TaskQuery;
import dev.clockwork.api.TaskSort;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of a task listing, which reads the ids of one page of tasks. Only fixed fragments are joined; every
 * user-given value is bound as a parameter, never concatenated. A task's last status is not stored (V7): a filter or
 * an order by it reads it in the same statement, a look-up per task backwards along {@code cw_execution_fire_uk}
 * (task_id, fire_time, attempt), as {@link JpaTaskStore#lastStatuses} does, so the page costs no statement per task.
 */
record TaskFilter(TaskQuery query) {

    /** The status of a task's latest ended execution, for the task {@code t} of the enclosing statement. */
    private static final String LAST_STATUS = "(SELECT e.status FROM cw_execution e WHERE e.task_id = t.id"
            + " AND e.status NOT IN (" + Arrays.stream(ExecutionStatus.values()).filter(s -> !s.isFinal())
            .map(s -> "'" + s + "'").collect(Collectors.joining(", ")) + ")"
            + " ORDER BY e.fire_time DESC, e.attempt DESC LIMIT 1)";
    /** The columns an order may name; {@code last_status} only when {@link #readsLastStatus()}. */
    private static final String COLUMNS = "t.id, t.name, t.trigger_text, t.next_fire_at, t.state, t.action,"
            + " t.priority";

    static TaskFilter of(TaskQuery query) {
        return new TaskFilter(query);
    }

    /** The ids of the page's tasks, in order. */
    String selectIds() {
        return "SELECT t.id FROM " + from() + where() + orderBy() + " LIMIT " + query.limit() + " OFFSET "
                + query.offset();
    }

    /** How many tasks match. */
    String count() {
        return "SELECT COUNT(*) FROM " + from() + where();
    }

    /**
     * The tasks as a table {@code t}: {@code cw_task} itself, or with the last status as a column when the query
     * filters or sorts by it (a derived table, so that its order and filter can name the column on every database).
     */
    private String from() {
        if (!readsLastStatus()) {
            return "cw_task t";
        }
        return "(SELECT " + COLUMNS + ", " + LAST_STATUS + " AS last_status FROM cw_task t" + taskWhere() + ") t";
    }

    private boolean readsLastStatus() {
        return query.lastStatus().isPresent() || query.sort().field() == TaskSort.Field.LAST_STATUS;
    }

    /** The conditions on the task's own columns: inside the derived table when there is one. */
    private String taskWhere() {
        List<String> conditions = new ArrayList<>();
        query.state().ifPresent(s -> conditions.add("t.state = ?"));
        query.action().ifPresent(a -> conditions.add("t.action = ?"));
        query.namePrefix().ifPresent(p -> conditions.add("t.name LIKE ? ESCAPE '!'"));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private String where() {
        if (!readsLastStatus()) {
            return taskWhere();
        }
        return query.lastStatus().isPresent() ? " WHERE t.last_status = ?" : "";
    }

    /** The ORDER BY clause: the chosen column (tasks without a value last), then the name. */
    private String orderBy() {
        TaskSort sort = query.sort();
        String direction = sort.direction() == TaskSort.Direction.ASCENDING ? " ASC" : " DESC";
        String column = switch (sort.field()) {
            case NAME -> "t.name";
            case TRIGGER -> "t.trigger_text";
            case NEXT_FIRE -> "CASE WHEN t.next_fire_at IS NULL THEN 1 ELSE 0 END, t.next_fire_at";
            case STATE -> "t.state";
            case ACTION -> "t.action";
            case PRIORITY -> "t.priority";
            case LAST_STATUS -> "CASE WHEN t.last_status IS NULL THEN 1 ELSE 0 END, t.last_status";
        };
        return " ORDER BY " + column + direction + (sort.field() == TaskSort.Field.NAME ? "" : ", t.name");
    }

    /** Binds the values in the order the statement names them. */
    void bind(Query statement) {
        List<Object> values = new ArrayList<>();
        query.state().ifPresent(s -> values.add(s.name()));
        query.action().ifPresent(values::add);
        query.namePrefix().ifPresent(p -> values.add(escapeLike(p) + "%"));
        query.lastStatus().ifPresent(s -> values.add(s.name()));
        for (int i = 0; i < values.size(); i++) {
            statement.setParameter(i + 1, values.get(i));
        }
    }

    /**
     * {@code text} as a LIKE pattern of itself, escaped with {@code !}: a backslash is an escape in MariaDB's string
     * literals, so the SQL could not name it the same way on every database.
     */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
