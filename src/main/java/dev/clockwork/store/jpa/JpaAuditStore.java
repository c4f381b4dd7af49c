package dev.clockwork.store.jpa;

import dev.clockwork.api.Page;
import dev.clockwork.api.AuditEntry;
import dev.clockwork.api.AuditQuery;
import dev.clockwork.store.AuditStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link AuditStore} on JPA. */
@ApplicationScoped
public class JpaAuditStore implements AuditStore {

    @PersistenceContext(unitName = "clockwork")
    EntityManager em;

    @Override
    public void append(AuditEntry entry) {
        AuditEntity e = new AuditEntity();
        e.occurredAt = entry.at();
        e.actor = entry.actor();
        e.address = entry.address().orElse(null);
        e.action = entry.action();
        e.target = entry.target().orElse(null);
        e.summary = entry.summary();
        em.persist(e);
    }

    @Override
    public Page<AuditEntry> find(AuditQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        String where = where(query, parameters);
        TypedQuery<AuditEntity> rows = em.createQuery("SELECT a FROM AuditEntity a" + where
                + " ORDER BY a.occurredAt DESC, a.id DESC", AuditEntity.class);
        parameters.forEach(rows::setParameter);
        List<AuditEntry> items = rows.setFirstResult(query.offset()).setMaxResults(query.limit()).getResultStream()
                .map(JpaAuditStore::toEntry).toList();
        return Page.of(items, query.offset(), query.limit(), () -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(a) FROM AuditEntity a" + where, Long.class);
            parameters.forEach(count::setParameter);
            return count.getSingleResult();
        });
    }

    @Override
    public int deleteOlderThan(Instant olderThan, int most) {
        List<Long> ids = em.createQuery("SELECT a.id FROM AuditEntity a WHERE a.occurredAt < :before ORDER BY a.occurredAt",
                        Long.class)
                .setParameter("before", olderThan).setMaxResults(most).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("DELETE FROM AuditEntity a WHERE a.id IN :ids").setParameter("ids", ids)
                .executeUpdate();
    }

    /** The WHERE clause of the query's filters, with their values put in {@code parameters}. */
    private static String where(AuditQuery query, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        add(conditions, parameters, "a.actor = :actor", "actor", query.actor());
        add(conditions, parameters, "a.target = :target", "target", query.target());
        add(conditions, parameters, "a.action = :action", "action", query.action());
        add(conditions, parameters, "a.occurredAt >= :from", "from", query.from());
        add(conditions, parameters, "a.occurredAt < :to", "to", query.to());
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void add(List<String> conditions, Map<String, Object> parameters, String condition, String name,
                            Optional<?> value) {
        value.ifPresent(v -> {
            conditions.add(condition);
            parameters.put(name, v);
        });
    }

    private static AuditEntry toEntry(AuditEntity e) {
        return new AuditEntry(e.id, e.occurredAt, e.actor, Optional.ofNullable(e.address), e.action,
                Optional.ofNullable(e.target), e.summary == null ? "" : e.summary);
    }
}
