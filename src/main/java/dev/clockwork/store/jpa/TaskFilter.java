package dev.clockwork.store.jpa;

import dev.clockwork.api.TaskQuery;
import dev.clockwork.api.TaskSort;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of a task listing. Only fixed JPQL fragments are joined; every user-given value is bound as a
 * parameter, never concatenated.
 */
record TaskFilter(TaskQuery query) {

    static TaskFilter of(TaskQuery query) {
        return new TaskFilter(query);
    }

    String where() {
        List<String> conditions = new ArrayList<>();
        query.state().ifPresent(s -> conditions.add("t.state = :state"));
        query.action().ifPresent(a -> conditions.add("t.action = :action"));
        query.namePrefix().ifPresent(p -> conditions.add("t.name LIKE :prefix ESCAPE '\\'"));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The ORDER BY clause: the chosen column (tasks without a next fire last), then the name. */
    String orderBy() {
        TaskSort sort = query.sort();
        String direction = sort.direction() == TaskSort.Direction.ASCENDING ? " ASC" : " DESC";
        String column = switch (sort.field()) {
            case NAME -> "t.name";
            case TRIGGER -> "t.trigger";
            case NEXT_FIRE -> "CASE WHEN t.nextFireAt IS NULL THEN 1 ELSE 0 END, t.nextFireAt";
            case STATE -> "t.state";
            case ACTION -> "t.action";
            case PRIORITY -> "t.priority";
        };
        return " ORDER BY " + column + direction + (sort.field() == TaskSort.Field.NAME ? "" : ", t.name");
    }

    void bind(TypedQuery<?> typed) {
        query.state().ifPresent(s -> typed.setParameter("state", s));
        query.action().ifPresent(a -> typed.setParameter("action", a));
        query.namePrefix().ifPresent(p -> typed.setParameter("prefix", escapeLike(p) + "%"));
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
