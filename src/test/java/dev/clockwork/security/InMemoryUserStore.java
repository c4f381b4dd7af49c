package dev.clockwork.security;

import dev.clockwork.store.UserRow;
import dev.clockwork.store.UserStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link UserStore} in a map, for unit tests of the security rules (the real one has its contract test). */
final class InMemoryUserStore implements UserStore {

    final TreeMap<String, UserRow> users = new TreeMap<>();

    void put(UserRow user) {
        users.put(user.username(), user);
    }

    void put(UserRow user, Instant lastLogin) {
        put(new UserRow(user.id(), user.username(), user.passwordHash(), user.roles(), user.createdAt(),
                user.updatedAt(), user.enabled(), user.mustChangePassword(), Optional.of(lastLogin)));
    }

    @Override
    public Optional<UserRow> findByUsername(String username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public long count() {
        return users.size();
    }

    @Override
    public List<UserRow> list() {
        return List.copyOf(users.values());
    }

    @Override
    public Optional<UserRow> insert(UserRow user) {
        return users.putIfAbsent(user.username(), user) == null ? Optional.of(user) : Optional.empty();
    }

    @Override
    public boolean changePasswordHash(String username, String passwordHash, Instant at) {
        UserRow user = users.get(username);
        if (user == null) {
            return false;
        }
        put(user.withAccount(user.roles(), user.enabled(), passwordHash, false, at));
        return true;
    }

    @Override
    public boolean updateAccount(UserRow user) {
        return users.replace(user.username(), user) != null;
    }

    @Override
    public boolean delete(String username) {
        return users.remove(username) != null;
    }

    @Override
    public void recordLogin(String username, Instant at) {
        put(users.get(username), at);
    }

    @Override
    public List<String> lockEnabledWithRole(String role) {
        return users.values().stream().filter(u -> u.enabled() && u.roles().contains(role)).map(UserRow::username)
                .toList();
    }
}
