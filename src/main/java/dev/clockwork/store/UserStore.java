package dev.clockwork.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Console and API users. Write methods run inside the caller's transaction. */
public interface UserStore {

    Optional<UserRow> findByUsername(String username);

    long count();

    /** Every user, ordered by username. */
    List<UserRow> list();

    /** Inserts a user; empty when the username is taken. */
    Optional<UserRow> insert(UserRow user);

    /** Replaces a user's password hash and clears must-change-password; false when there is no such user. */
    boolean changePasswordHash(String username, String passwordHash, Instant at);

    /**
     * Writes the roles, enabled flag, password hash and must-change flag of {@code user} (found by username); false
     * when there is no such user.
     */
    boolean updateAccount(UserRow user);

    /** Deletes a user; false when there is no such user. */
    boolean delete(String username);

    /** Records a successful login. */
    void recordLogin(String username, Instant at);

    /**
     * The usernames of the enabled users holding {@code role}, locked until the caller's transaction ends, so that
     * two admins cannot each remove the other and leave none.
     */
    List<String> lockEnabledWithRole(String role);
}
