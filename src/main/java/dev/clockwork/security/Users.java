package dev.clockwork.security;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.AuditTrail;
import dev.clockwork.engine.CurrentUser;
import dev.clockwork.store.FirstUserStore;
import dev.clockwork.store.UserRow;
import dev.clockwork.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Users and their roles, for the REST API and the console alike: create, list, change (role, enabled, password,
 * must-change), delete. The last enabled admin cannot be removed, disabled or demoted. Every change is audited in
 * its own transaction.
 */
@ApplicationScoped
@Transactional
public class Users {

    /** The shortest password accepted. */
    public static final int MIN_PASSWORD = PasswordPolicy.MIN_LENGTH;
    /** What a username may be. */
    public static final String USERNAME_PATTERN = "[A-Za-z0-9._@-]{1,100}";

    @Inject
    UserStore store;
    @Inject
    PasswordHashing passwords;
    @Inject
    Clock clock;
    @Inject
    FirstUserStore firstUser;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentUser caller;

    /**
     * Creates the first admin unless a user exists. Nodes starting together on an empty database do this one at a
     * time (they wait on the {@code first-admin} row of {@code cw_lock}), so only the first creates it. Outside any
     * container transaction: the store runs it as one JDBC transaction of its own.
     *
     * @param mustChange whether the admin must change the password at the first login (a generated one)
     * @return whether this call created it
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public boolean createFirstAdmin(char[] password, Set<String> roles, boolean mustChange) {
        return firstUser.createIfNone(newUser("admin", password, roles).withMustChangePassword(mustChange));
    }

    /** Whether any user exists yet. */
    public boolean any() {
        return store.count() > 0;
    }

    /** Creates a user; false when the name is taken. */
    public boolean create(String username, char[] password, Set<String> roles) {
        checkUsername(username);
        if (store.insert(newUser(username, password, roles)).isEmpty()) {
            return false;
        }
        audit.record("user.create", username, "role " + Roles.highest(roles));
        return true;
    }

    /** Every user, by name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UserAccount> list() {
        return store.list().stream().map(Users::account).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UserAccount> find(String username) {
        return store.findByUsername(username).map(Users::account);
    }

    /**
     * Changes a user's role, enabled flag or password, as an admin. A disabled user's sessions and Basic credentials
     * stop working at once (each request reads the user); so do a reset password's. A password set for someone else
     * must be changed at their next login unless the change says otherwise; one an admin sets for themselves need
     * not (it is how a must-change admin changes it through the API).
     *
     * @throws SchedulerException NOT_FOUND for no such user, INVALID for a bad role or password, CONFLICT when it
     *     would leave no enabled admin
     */
    public UserAccount update(String username, AccountChange change) {
        UserRow user = existing(username);
        Set<String> roles = change.role().map(Users::rolesOf).orElse(user.roles());
        boolean enabled = change.enabled().orElse(user.enabled());
        String hash = user.passwordHash();
        if (change.password().isPresent()) {
            checkPassword(username, change.password().get());
            hash = passwords.hash(change.password().get());
        }
        // A password someone else set must be changed by its user; one users set for themselves need not.
        boolean setsOwn = change.password().isPresent() && caller.name().equals(username);
        boolean must = change.mustChangePassword().orElse(change.password().isPresent() ? !setsOwn
                : user.mustChangePassword());
        boolean staysAdmin = enabled && roles.contains(Roles.ADMIN);
        if (!staysAdmin && user.enabled() && user.roles().contains(Roles.ADMIN)) {
            requireAnotherAdmin(username, enabled ? "demoted" : "disabled");
        }
        UserRow changed = user.withAccount(roles, enabled, hash, must, clock.instant());
        store.updateAccount(changed);
        audit.record("user.update", username, AccountChanges.between(user, changed));
        return account(changed);
    }

    /**
     * Deletes a user; their sessions and Basic credentials stop working at once.
     *
     * @throws SchedulerException NOT_FOUND for no such user, CONFLICT for the last enabled admin
     */
    public void delete(String username) {
        UserRow user = existing(username);
        if (user.enabled() && user.roles().contains(Roles.ADMIN)) {
            requireAnotherAdmin(username, "deleted");
        }
        store.delete(username);
        audit.record("user.delete", username, "deleted (role " + Roles.highest(user.roles()) + ")");
    }

    /**
     * Changes a user's password after checking the current one; the user's console sessions end, except the one
     * that takes the returned stamp ({@link ConsoleSessions#restamp}). Clears must-change-password.
     *
     * @return the stamp of the new password
     * @throws IllegalArgumentException with a message for the user when the current password is wrong or the new
     *     one is not allowed
     */
    public CredentialStamp changePassword(String username, char[] current, char[] replacement) {
        UserRow user = store.findByUsername(username)
                .orElseThrow(() -> new IllegalArgumentException("There is no user named " + username + "."));
        if (!passwords.matches(current, user.passwordHash())) {
            throw new IllegalArgumentException("The current password is wrong.");
        }
        PasswordPolicy.problem(username, replacement).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        String hash = passwords.hash(replacement);
        store.changePasswordHash(username, hash, clock.instant());
        audit.record("user.password", username, "changed own password");
        return CredentialStamp.of(hash);
    }

    /** A user row to insert, with the password checked and hashed. */
    private UserRow newUser(String username, char[] password, Set<String> roles) {
        checkPassword(username, password);
        Instant now = clock.instant();
        return new UserRow(0, username, passwords.hash(password), roles, now, now);
    }

    /** Waits for the other enabled admins' rows (so two admins cannot remove each other) and requires one. */
    private void requireAnotherAdmin(String username, String what) {
        if (store.lockEnabledWithRole(Roles.ADMIN).stream().noneMatch(other -> !other.equals(username))) {
            throw new SchedulerException(SchedulerException.Reason.CONFLICT, "username", "User \"" + username
                    + "\" is the last enabled admin and cannot be " + what + "; make another user an admin first.");
        }
    }

    private UserRow existing(String username) {
        return store.findByUsername(username).orElseThrow(() -> new SchedulerException(
                SchedulerException.Reason.NOT_FOUND, "username", "No user is named \"" + Excerpt.of(username)
                + "\". List the users to see their names."));
    }

    /** @throws SchedulerException INVALID "username" unless it is a name a user may have */
    public static void checkUsername(String username) {
        if (username == null || !username.matches(USERNAME_PATTERN) || username.matches("\\.{1,2}")) {
            throw SchedulerException.invalid("username", "username must be 1-100 characters of letters, digits,"
                    + " '.', '_', '@' and '-', and not \".\" or \"..\" (URLs read those as path steps).");
        }
    }

    private static void checkPassword(String username, char[] password) {
        PasswordPolicy.problem(username, password).ifPresent(problem -> {
            throw SchedulerException.invalid("password", problem);
        });
    }

    private static Set<String> rolesOf(String role) {
        if (!Roles.ALL.contains(role)) {
            throw SchedulerException.invalid("role", "role must be one of " + Roles.ALL + ", was \""
                    + Excerpt.of(role) + "\".");
        }
        return Roles.upTo(role);
    }

    static UserAccount account(UserRow row) {
        return new UserAccount(row.username(), Roles.highest(row.roles()), row.enabled(), row.mustChangePassword(),
                row.createdAt(), row.updatedAt(), row.lastLoginAt());
    }
}
