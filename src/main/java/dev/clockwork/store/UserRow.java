package dev.clockwork.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A user as stored; {@code passwordHash} is a PBKDF2 hash, never a password. A disabled user cannot log in and their
 * sessions end; one who must change the password can do nothing else until they have.
 */
public record UserRow(long id, String username, String passwordHash, Set<String> roles, Instant createdAt,
                      Instant updatedAt, boolean enabled, boolean mustChangePassword, Optional<Instant> lastLoginAt) {

    public UserRow {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(lastLoginAt, "lastLoginAt");
        roles = Set.copyOf(roles);
    }

    /** An enabled user who never logged in and need not change the password. */
    public UserRow(long id, String username, String passwordHash, Set<String> roles, Instant createdAt,
                   Instant updatedAt) {
        this(id, username, passwordHash, roles, createdAt, updatedAt, true, false, Optional.empty());
    }

    /** This user made to change the password at the next login, or released from it. */
    public UserRow withMustChangePassword(boolean must) {
        return new UserRow(id, username, passwordHash, roles, createdAt, updatedAt, enabled, must, lastLoginAt);
    }

    /** This user with the fields an admin changes: roles, enabled, password hash, must-change. */
    public UserRow withAccount(Set<String> newRoles, boolean isEnabled, String newHash, boolean must, Instant at) {
        return new UserRow(id, username, newHash, newRoles, createdAt, at, isEnabled, must, lastLoginAt);
    }
}
