package dev.clockwork.store.jpa;

import dev.clockwork.store.UserRow;
import dev.clockwork.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link UserStore} on JPA. */
@ApplicationScoped
public class JpaUserStore implements UserStore {

    @PersistenceContext(unitName = "clockwork")
    EntityManager em;

    @Override
    public Optional<UserRow> findByUsername(String username) {
        return em.createQuery("SELECT u FROM UserEntity u WHERE u.username = :name", UserEntity.class)
                .setParameter("name", username)
                .getResultStream().findFirst().map(JpaUserStore::toRow);
    }

    @Override
    public long count() {
        return em.createQuery("SELECT COUNT(u) FROM UserEntity u", Long.class).getSingleResult();
    }

    @Override
    public Optional<UserRow> insert(UserRow user) {
        if (findByUsername(user.username()).isPresent()) {
            return Optional.empty();
        }
        UserEntity e = new UserEntity();
        e.username = user.username();
        e.passwordHash = user.passwordHash();
        e.roles = UserEntity.roles(user.roles());
        e.createdAt = user.createdAt();
        e.updatedAt = user.updatedAt();
        em.persist(e);
        em.flush();
        return Optional.of(toRow(e));
    }

    @Override
    public boolean changePasswordHash(String username, String passwordHash, Instant at) {
        return em.createQuery("UPDATE UserEntity u SET u.passwordHash = :hash, u.updatedAt = :at,"
                        + " u.version = u.version + 1 WHERE u.username = :name")
                .setParameter("hash", passwordHash)
                .setParameter("at", at)
                .setParameter("name", username)
                .executeUpdate() == 1;
    }

    private static UserRow toRow(UserEntity e) {
        return new UserRow(e.id, e.username, e.passwordHash,
                Arrays.stream(e.roles.split(",")).map(String::trim).filter(r -> !r.isEmpty())
                        .collect(Collectors.toSet()),
                e.createdAt, e.updatedAt);
    }
}
