package dev.clockwork.store.jpa;

import dev.clockwork.store.ReadReplica;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ReadReplica} on the server's {@code jdbc/clockwork-read}: the routing itself is {@link ReadRoutingDataSource},
 * which {@link ServerDataSourceCustomizer} gives EclipseLink's reads; this measures and opens the thread's reads.
 */
@ApplicationScoped
public class JpaReadReplica implements ReadReplica {

    private volatile Optional<DataSource> replica;

    @Override
    public boolean configured() {
        return replica().isPresent();
    }

    @Override
    public String dataSourceName() {
        return DataSources.READ_NAME;
    }

    @Override
    public Optional<Instant> heartbeatSeen(String nodeId, Duration timeout) {
        DataSource dataSource = replica().orElseThrow(() -> new IllegalStateException("The server defines no "
                + DataSources.READ_NAME + "; there is no replica to measure"));
        return heartbeatSeen(dataSource, nodeId, timeout);
    }

    /** The heartbeat of {@code nodeId} in the database behind {@code dataSource}. */
    static Optional<Instant> heartbeatSeen(DataSource dataSource, String nodeId, Duration timeout) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT heartbeat_at FROM cw_node WHERE id = ?")) {
            select.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            select.setString(1, nodeId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(InstantConverter.fromMicros(row.getLong(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The replica " + DataSources.READ_NAME + " did not answer: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void beginReads(ReadPermit permit) {
        if (configured()) {
            ReadRouting.begin(permit);
        }
    }

    @Override
    public ReadSource endReads() {
        return ReadRouting.end();
    }

    private Optional<DataSource> replica() {
        Optional<DataSource> found = replica;
        if (found == null) {
            found = DataSources.readReplica().map(DataSources.Found::dataSource);
            replica = found;
        }
        return found;
    }
}
