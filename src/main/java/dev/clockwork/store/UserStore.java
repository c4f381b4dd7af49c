package dev.clockwork.store;

import java.time.Instant;
import java.util.Optional;

/** Console and API users. Write methods run inside the caller's transaction. */
public interface UserStore {

    Optional<UserRow> findByUsername(String username);

    long count();

    /** Inserts a user; empty when the username is taken. */
    Optional<UserRow> insert(UserRow user);

    /** Replaces a user's password hash; false when there is no such user. */
    boolean changePasswordHash(String username, String passwordHash, Instant at);
}
