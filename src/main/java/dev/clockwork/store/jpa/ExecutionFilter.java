package dev.clockwork.store.jpa;

import dev.clockwork.api.ExecutionQuery;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of an execution listing. Only fixed JPQL fragments are joined; every user-given value is bound
 * as a parameter, never concatenated.
 */
record ExecutionFilter(ExecutionQuery query) {

    String where() {
        List<String> conditions = new ArrayList<>();
        query.task().ifPresent(t -> conditions.add("e.taskName = :task"));
        query.taskPrefix().ifPresent(p -> conditions.add("e.taskName LIKE :prefix ESCAPE '!'"));
        query.status().ifPresent(s -> conditions.add("e.status = :status"));
        query.node().ifPresent(n -> conditions.add("e.node = :node"));
        query.firedFrom().ifPresent(f -> conditions.add("e.fireTime >= :firedFrom"));
        query.firedBefore().ifPresent(b -> conditions.add("e.fireTime < :firedBefore"));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    void bind(TypedQuery<?> typed) {
        query.task().ifPresent(t -> typed.setParameter("task", t));
        query.taskPrefix().ifPresent(p -> typed.setParameter("prefix", TaskFilter.escapeLike(p) + "%"));
        query.status().ifPresent(s -> typed.setParameter("status", s));
        query.node().ifPresent(n -> typed.setParameter("node", n));
        query.firedFrom().ifPresent(f -> typed.setParameter("firedFrom", f));
        query.firedBefore().ifPresent(b -> typed.setParameter("firedBefore", b));
    }
}
