package dev.clockwork.store.jpa;

import dev.clockwork.store.FirstUserStore;
import dev.clockwork.store.UserRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Creates the first user of an empty database, once across a cluster whose nodes start together.
 *
 * <p>Plain JDBC on a connection whose transaction this class controls, not the persistence unit: a container
 * transaction begun in a startup callback did not reach the connection on Payara (PostgreSQL's statement log showed
 * the lock, the count and the insert each in autocommit), so the lock row guarded nothing and two nodes inserted the
 * admin, or the same id from the id table, at once. Here the lock, the count, the id and the insert are one
 * transaction the database sees.
 */
@ApplicationScoped
public class JdbcFirstUserStore implements FirstUserStore {

    /** The row of {@code cw_lock} that nodes creating the first user hold, one at a time. */
    static final String LOCK = "first-admin";

    @Inject
    Database database;

    /**
     * Inserts {@code user} (its id is allocated here) unless a user exists.
     *
     * @return whether this call inserted it; false when another node (or an earlier start) created a user first
     * @throws IllegalStateException when the database cannot take it
     */
    @Override
    public boolean createIfNone(UserRow user) {
        try (Connection connection = database.dataSource().getConnection()) {
            return createIfNone(connection, user);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the first user " + user.username() + " in "
                    + database.dataSourceName() + ": " + e.getMessage(), e);
        }
    }

    /** {@link #createIfNone(UserRow)} in one transaction on {@code connection}, which must not be in a transaction. */
    static boolean createIfNone(Connection connection, UserRow user) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            lock(connection);
            boolean created = count(connection) == 0 && insert(connection, user);
            connection.commit();
            return created;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Waits for the lock row. The count after it reads as committed now, also under REPEATABLE READ (MariaDB). */
    private static void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT name FROM cw_lock WHERE name = ? FOR UPDATE")) {
            lock.setString(1, LOCK);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("No row " + LOCK + " in cw_lock; the schema migrations did not"
                            + " run");
                }
            }
        }
    }

    private static long count(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM cw_user");
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static boolean insert(Connection connection, UserRow user) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cw_user (id, username, password_hash,"
                + " roles, created_at, updated_at, must_change_password, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)")) {
            insert.setLong(1, nextUserId(connection));
            insert.setString(2, user.username());
            insert.setString(3, user.passwordHash());
            insert.setString(4, UserEntity.roles(user.roles()));
            insert.setLong(5, InstantConverter.toMicros(user.createdAt()));
            insert.setLong(6, InstantConverter.toMicros(user.updatedAt()));
            insert.setBoolean(7, user.mustChangePassword());
            return insert.executeUpdate() == 1;
        }
    }

    /** The first id of a block of user ids ({@link IdBlockTable}). */
    private static long nextUserId(Connection connection) throws SQLException {
        return IdBlockTable.take(connection, UserEntity.ID_NAME, UserEntity.ID_BLOCK) - UserEntity.ID_BLOCK + 1;
    }
}
