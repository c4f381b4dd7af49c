package dev.clockwork.security;

import dev.clockwork.store.FirstUserStore;
import dev.clockwork.store.UserRow;
import dev.clockwork.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/** Creates users and changes passwords. */
@ApplicationScoped
@Transactional
public class Users {

    /** The shortest password accepted. */
    public static final int MIN_PASSWORD = 8;

    @Inject
    UserStore store;
    @Inject
    PasswordHashing passwords;
    @Inject
    Clock clock;
    @Inject
    FirstUserStore firstUser;

    /**
     * Creates the first admin unless a user exists. Nodes starting together on an empty database do this one at a
     * time (they wait on the {@code first-admin} row of {@code cw_lock}), so only the first creates it. Outside any
     * container transaction: the store runs it as one JDBC transaction of its own.
     *
     * @return whether this call created it
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public boolean createFirstAdmin(char[] password, Set<String> roles) {
        return firstUser.createIfNone(newUser("admin", password, roles));
    }

    /** Whether any user exists yet. */
    public boolean any() {
        return store.count() > 0;
    }

    /** Creates a user; false when the name is taken. */
    public boolean create(String username, char[] password, Set<String> roles) {
        return store.insert(newUser(username, password, roles)).isPresent();
    }

    /** A user row to insert, with the password checked and hashed. */
    private UserRow newUser(String username, char[] password, Set<String> roles) {
        checkStrength(password);
        Instant now = clock.instant();
        return new UserRow(0, username, passwords.hash(password), roles, now, now);
    }

    /**
     * Changes a user's password after checking the current one; the user's console sessions end, except the one
     * that takes the returned stamp ({@link ConsoleSessions#restamp}).
     *
     * @return the stamp of the new password
     * @throws IllegalArgumentException with a message for the user when the current password is wrong or the new
     *     one is too weak
     */
    public CredentialStamp changePassword(String username, char[] current, char[] replacement) {
        UserRow user = store.findByUsername(username)
                .orElseThrow(() -> new IllegalArgumentException("There is no user named " + username + "."));
        if (!passwords.matches(current, user.passwordHash())) {
            throw new IllegalArgumentException("The current password is wrong.");
        }
        checkStrength(replacement);
        String hash = passwords.hash(replacement);
        store.changePasswordHash(username, hash, clock.instant());
        return CredentialStamp.of(hash);
    }

    private static void checkStrength(char[] password) {
        if (password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("The password must have at least " + MIN_PASSWORD + " characters.");
        }
    }
}
