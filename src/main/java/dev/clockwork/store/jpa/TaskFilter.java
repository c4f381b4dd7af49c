package dev.clockwork.store.jpa;

import dev.clockwork.api.TaskQuery;
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

    void bind(TypedQuery<?> typed) {
        query.state().ifPresent(s -> typed.setParameter("state", s));
        query.action().ifPresent(a -> typed.setParameter("action", a));
        query.namePrefix().ifPresent(p -> typed.setParameter("prefix", escapeLike(p) + "%"));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
