package dev.clockwork.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** A user as stored; {@code passwordHash} is a PBKDF2 hash, never a password. */
public record UserRow(long id, String username, String passwordHash, Set<String> roles, Instant createdAt,
                      Instant updatedAt) {

    public UserRow {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        roles = Set.copyOf(roles);
    }
}
