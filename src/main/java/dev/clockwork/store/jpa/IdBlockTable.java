package dev.clockwork.store.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code cw_id_block}: ids handed out in blocks, one row per kind of row. A block is taken as JPA's table generator
 * takes one (add the block size, read the new value; the block ends at it), so ids taken here and ids the persistence
 * unit allocates never collide, whatever the block sizes.
 */
@ApplicationScoped
public class IdBlockTable {

    @Inject
    Database database;

    /**
     * Takes a block of {@code size} ids of {@code name} in a transaction of its own, which commits before the
     * caller's: no other transaction waits for the row while the caller's goes on, and a rolled-back caller cannot
     * hand the block out again.
     *
     * @return the last id of the block
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long take(String name, int size) {
        try (Connection connection = database.dataSource().getConnection()) {
            return take(connection, name, size);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take " + size + " ids for " + name + " from cw_id_block in "
                    + database.dataSourceName() + ": " + e.getMessage(), e);
        }
    }

    /** Takes a block in the transaction {@code connection} is in; returns the last id of the block. */
    static long take(Connection connection, String name, int size) throws SQLException {
        try (PreparedStatement add = connection.prepareStatement(
                "UPDATE cw_id_block SET next_value = next_value + ? WHERE name = ?");
             PreparedStatement read = connection.prepareStatement(
                     "SELECT next_value FROM cw_id_block WHERE name = ?")) {
            add.setInt(1, size);
            add.setString(2, name);
            if (add.executeUpdate() != 1) {
                throw new IllegalStateException("No row " + name + " in cw_id_block; the schema migrations did not"
                        + " run");
            }
            read.setString(1, name);
            try (ResultSet row = read.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
