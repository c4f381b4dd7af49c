package dev.clockwork.store.jpa;

import dev.clockwork.store.UserRow;
import dev.clockwork.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link UserStore} on JPA. */
@ApplicationScoped
public class JpaUserStore implements UserStore {

    @PersistenceContext(unitName = "clockwork")
    EntityManager em;

    @Override
    public Optional<UserRow> findByUsername(String username) {
        return entity(username).map(JpaUserStore::toRow);
    }

    @Override
    public long count() {
        return em.createQuery("SELECT COUNT(u) FROM UserEntity u", Long.class).getSingleResult();
    }

    @Override
    public List<UserRow> list() {
        return em.createQuery("SELECT u FROM UserEntity u ORDER BY u.username", UserEntity.class).getResultStream()
                .map(JpaUserStore::toRow).toList();
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
        e.enabled = user.enabled();
        e.mustChangePassword = user.mustChangePassword();
        em.persist(e);
        em.flush();
        return Optional.of(toRow(e));
    }

    @Override
    public boolean changePasswordHash(String username, String passwordHash, Instant at) {
        return em.createQuery("UPDATE UserEntity u SET u.passwordHash = :hash, u.updatedAt = :at,"
                        + " u.mustChangePassword = false, u.version = u.version + 1 WHERE u.username = :name")
                .setParameter("hash", passwordHash)
                .setParameter("at", at)
                .setParameter("name", username)
                .executeUpdate() == 1;
    }

    @Override
    public boolean updateAccount(UserRow user) {
        return em.createQuery("UPDATE UserEntity u SET u.passwordHash = :hash, u.roles = :roles, u.enabled = :enabled,"
                        + " u.mustChangePassword = :must, u.updatedAt = :at, u.version = u.version + 1"
                        + " WHERE u.username = :name")
                .setParameter("hash", user.passwordHash())
                .setParameter("roles", UserEntity.roles(user.roles()))
                .setParameter("enabled", user.enabled())
                .setParameter("must", user.mustChangePassword())
                .setParameter("at", user.updatedAt())
                .setParameter("name", user.username())
                .executeUpdate() == 1;
    }

    @Override
    public boolean delete(String username) {
        return em.createQuery("DELETE FROM UserEntity u WHERE u.username = :name")
                .setParameter("name", username).executeUpdate() == 1;
    }

    @Override
    public void recordLogin(String username, Instant at) {
        em.createQuery("UPDATE UserEntity u SET u.lastLoginAt = :at WHERE u.username = :name")
                .setParameter("at", at).setParameter("name", username).executeUpdate();
    }

    @Override
    public List<String> lockEnabledWithRole(String role) {
        return em.createQuery("SELECT u FROM UserEntity u WHERE u.enabled = true ORDER BY u.id", UserEntity.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream()
                .filter(u -> roles(u.roles).contains(role)).map(u -> u.username).toList();
    }

    private Optional<UserEntity> entity(String username) {
        return em.createQuery("SELECT u FROM UserEntity u WHERE u.username = :name", UserEntity.class)
                .setParameter("name", username).getResultStream().findFirst();
    }

    private static UserRow toRow(UserEntity e) {
        return new UserRow(e.id, e.username, e.passwordHash, roles(e.roles), e.createdAt, e.updatedAt, e.enabled,
                e.mustChangePassword, Optional.ofNullable(e.lastLoginAt));
    }

    private static Set<String> roles(String column) {
        return Arrays.stream(column.split(",")).map(String::trim).filter(r -> !r.isEmpty())
                .collect(Collectors.toSet());
    }
}
