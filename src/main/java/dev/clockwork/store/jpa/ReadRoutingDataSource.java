package dev.clockwork.store.jpa;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source of EclipseLink's read connections when a replica is configured: a connection of the replica for a
 * read of a thread that {@link ReadRouting} lets use it, outside any transaction, while the permit allows; the
 * primary's otherwise. Inside a transaction (every write, every claim, heartbeat and lock, and the reads of a
 * transaction) it is always the primary's, whatever the thread. A replica that refuses the connection serves nothing:
 * the read goes to the primary and the permit hears of it.
 */
final class ReadRoutingDataSource implements DataSource {

    private static final Logger LOG = Logger.getLogger(ReadRoutingDataSource.class.getName());

    private final DataSource primary;
    private final DataSource replica;
    private final BooleanSupplier inTransaction;

    ReadRoutingDataSource(DataSource primary, DataSource replica, BooleanSupplier inTransaction) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.replica = Objects.requireNonNull(replica, "replica");
        this.inTransaction = Objects.requireNonNull(inTransaction, "inTransaction");
    }

    @Override
    public Connection getConnection() throws SQLException {
        Optional<ReadRouting.Reads> reads = ReadRouting.current();
        if (reads.isPresent() && !inTransaction.getAsBoolean() && reads.get().permit.replicaAllowed()) {
            try {
                Connection connection = replica.getConnection();
                reads.get().replica = true;
                return connection;
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "The replica refused a connection; this read and the next ones go to the"
                        + " primary until the replica answers a lag measurement again", e);
                reads.get().permit.replicaFailed(String.valueOf(e.getMessage()));
            }
        }
        reads.ifPresent(current -> current.primary = true);
        return primary.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        // EclipseLink passes credentials only when the unit names a user, which Clockwork's never does; such a
        // connection is the primary's, as it was before any replica.
        ReadRouting.current().ifPresent(current -> current.primary = true);
        return primary.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return primary.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        primary.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        primary.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return primary.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return primary.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return primary.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || primary.isWrapperFor(type);
    }
}
